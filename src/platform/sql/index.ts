export { openSqlEngine, type OpenSqlOptions, type SqlEngine, type SqlParam, type SqlParams } from './duckdb.js';
