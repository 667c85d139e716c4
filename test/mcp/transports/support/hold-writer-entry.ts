import { openDatabase } from '../../../../src/store/database.ts';

// Holds the database open for writing (as finops chat or ingest would) until stdin closes.
const db = await openDatabase({ dataDir: process.argv[2] ?? '' });
process.stdout.write('ready\n');
process.stdin.resume();
process.stdin.once('end', () => {
  db.close();
  process.exit(0);
});
