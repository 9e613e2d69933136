/**
 * The one door to @peculiar/x509: it relies on tsyringe, which throws at load time unless a
 * Reflect metadata polyfill is installed first. ES modules evaluate imports in source order, so
 * importing the polyfill here, before the library, makes every importer of this module safe.
 */
import 'reflect-metadata';

export * from '@peculiar/x509';
