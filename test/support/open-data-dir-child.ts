// Run as a separate process by data-dir-lock tests: tries to own the data dir given in argv[2].
import { openPglite } from '../../api/db/open-pglite.ts';

try {
  const handle = await openPglite(process.argv[2]!);
  await handle.close();
  console.log('opened');
} catch (error) {
  console.log((error as Error).message);
  process.exitCode = 3;
}
