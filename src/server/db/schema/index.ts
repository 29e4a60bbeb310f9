export * from './accounts.ts';
export * from './organisations.ts';
export * from './people.ts';
export * from './matching.ts';
export * from './activities.ts';
export * from './pathways.ts';
export * from './taxonomy.ts';
export * from './matching-index.ts';
