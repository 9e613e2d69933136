import type { RequestRecord } from '../../../shared/domain/request';
import { describeLedgerContract } from '../../helpers/issuance-ledger-contract';
import { InMemoryIssuanceLedger } from '../support/in-memory-ledger';

// The fake the use cases' unit tests run on holds to the contract the DynamoDB ledger is held to.
describeLedgerContract('in memory', async () => {
  const requests = new Map<string, RequestRecord>();
  return { ledger: new InMemoryIssuanceLedger(requests), seedRequest: async (r) => void requests.set(r.id, r) };
});
