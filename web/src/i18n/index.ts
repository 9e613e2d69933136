import { en } from './en';
import { vi } from './vi';

/**
 * Two languages: Vietnamese first, English on request. The choice is remembered in localStorage
 * and set on <html lang>, so screen readers and hyphenation follow it; text that stays Vietnamese
 * inside an English page (API messages, names) carries its own lang="vi".
 */
export type Lang = 'vi' | 'en';
export type MessageKey = keyof typeof vi;

const MESSAGES: Record<Lang, Record<MessageKey, string>> = { vi, en };
const STORAGE_KEY = 'bansao.lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'vi' || saved === 'en') return saved;
  } catch {
    // storage blocked: Vietnamese
  }
  return 'vi';
}

let current: Lang = initialLang();
const listeners = new Set<() => void>();

export const lang = (): Lang => current;

/** The locale for Intl formatting. */
export const locale = (): string => (current === 'vi' ? 'vi-VN' : 'en-GB');

/** Switches the language, remembers it and tells the listeners (the router re-renders). */
export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // not remembered: fine
  }
  document.documentElement.lang = next;
  for (const l of listeners) l();
}

export function onLangChange(listener: () => void): void {
  listeners.add(listener);
}

/** The message for `key` in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = MESSAGES[current][key] ?? vi[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** For keys built at run time (`status.${s}`): the message, or `fallback` when there is none. */
export function tDynamic(key: string, fallback: string, vars: Record<string, string | number> = {}): string {
  return key in vi ? t(key as MessageKey, vars) : fallback;
}
