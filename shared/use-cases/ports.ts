import type { Services } from '../runtime/services';
import type { DirectoryRepository } from '../store/directory-repo';
import type { DocumentRepository } from '../store/document-repo';
import type { ObjectStore } from '../store/object-store';
import type { RegisterRepository } from '../store/register-repo';
import type { RequestRepository } from '../store/request-repo';
import type { SignerRepository } from '../store/signer-repo';

/**
 * The slices of the composition root the issuing use cases depend on. The DynamoDB repositories
 * and the S3 store satisfy them as they are; the use cases' unit tests pass in-memory ones.
 */
export type RequestReader = Pick<RequestRepository, 'get' | 'originals'>;
export type DocumentReader = Pick<DocumentRepository, 'get'>;
export type DirectoryReader = Pick<DirectoryRepository, 'user' | 'agency'>;
export type RegisterReader = Pick<RegisterRepository, 'get' | 'entry'>;
export type SignerReader = Pick<SignerRepository, 'list'>;
export type FileStore = Pick<ObjectStore, 'put' | 'getBytes'>;

/** What the issuance itself needs: numbering, the clock and ids, the object store, the ledger, the time-stamp authority and the revocation source. */
export type IssuanceServices = Pick<Services, 'buckets' | 'publicBaseUrl' | 'now' | 'newId' | 'randomBytes' | 'ledger' | 'timestamps'> & { objects: Pick<FileStore, 'put'> } & LongTermServices;

/** What makes a sealed copy B-LTA and renews it: the time-stamp authority, the revocation source, the clock. */
export type LongTermServices = Pick<Services, 'timestamps' | 'revocation' | 'now'>;
