import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { dynamoClient, dynamoDocumentClient } from '../../shared/store/clients';
import { DynamoIssuanceLedger, ledgerRepositories, type LedgerRepositories } from '../../shared/store/dynamo-issuance-ledger';
import { createTableInput } from '../../shared/store/table';
import { transact } from '../../shared/store/transact';
import { describeLedgerContract } from '../helpers/issuance-ledger-contract';
import { useTestStack } from './hostile/support';

// A table of its own: the contract's issuances have no PDF and bump the all-agencies figures,
// which the fault tests' register check and the report tests would otherwise count.
const TABLE = `ledger-contract-${Date.now()}`;
let repos: LedgerRepositories;

beforeAll(async () => {
  useTestStack();
  await dynamoClient().send(new CreateTableCommand(createTableInput(TABLE)));
  repos = ledgerRepositories(dynamoDocumentClient(), TABLE);
});

afterAll(async () => {
  await dynamoClient().send(new DeleteTableCommand({ TableName: TABLE }));
});

describeLedgerContract('DynamoDB', async () => ({
  ledger: new DynamoIssuanceLedger(dynamoDocumentClient(), repos),
  seedRequest: (r) => transact(dynamoDocumentClient(), [repos.requests.createItem(r)]),
}));
