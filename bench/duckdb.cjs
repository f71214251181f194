// Runs bench/duckdb.sql over an NDJSON export with DuckDB's Node package
// (@duckdb/node-api, found through NODE_PATH) and prints the counts and the
// query's wall time: `node bench/duckdb.cjs FILE [THREADS]`.
const fs = require('fs');
const path = require('path');
const { DuckDBInstance } = require('@duckdb/node-api');

async function main() {
  const [file, threads] = process.argv.slice(2);
  const sql = fs.readFileSync(path.join(__dirname, 'duckdb.sql'), 'utf8').replaceAll('{FILE}', file.replaceAll("'", "''"));
  const db = await DuckDBInstance.create(':memory:', threads ? { threads: String(threads) } : {});
  const con = await db.connect();
  const start = process.hrtime.bigint();
  const reader = await con.runAndReadAll(sql);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  for (const row of reader.getRows()) console.log(row.join('\t'));
  console.log(`seconds\t${seconds.toFixed(3)}`);
}
main().catch((e) => { console.error(e.message); process.exit(1); });
