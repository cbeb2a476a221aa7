// The DynamoDB key schemas the stack creates: the adapters' own designs (articles table, publish ledger), one source of truth.
export { ITEM_KEYS, TABLE_DESIGN } from '../lambda/adapters/dynamodb-table-design.ts';
export { LEDGER_KEY } from '../lambda/adapters/dynamodb-publish-ledger.ts';
