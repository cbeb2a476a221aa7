// The DynamoDB key schema the stack creates: the store's own design (lambda/adapters/dynamodb-table-design.ts), one source of truth.
export { TABLE_DESIGN } from '../lambda/adapters/dynamodb-table-design.ts';
