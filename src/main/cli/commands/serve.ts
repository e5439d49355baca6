import fs from 'node:fs';
import path from 'node:path';
import { startBridgeServer } from '../../engine/http/server';
import type { CliContext } from '../context';

export async function serve(context: CliContext, options: { port?: number }): Promise<void> {
  const rendererDir = context.layout.rendererDir;
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`The studio is not built (${rendererDir} is missing). Run \`npm run build\` first.`);
  }
  const engine = context.openEngine({ warmWorker: true, host: 'browser' });
  let server;
  try {
    server = await startBridgeServer({ engine, rendererDir, port: options.port ?? 7770 });
  } catch (error) {
    engine.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`Port ${options.port ?? 7770} is in use. Choose another with --port (0 picks a free one).`, {
        cause: error,
      });
    }
    throw error;
  }
  context.output({ url: server.studioUrl, dataDir: context.dataDir }, () => `Motif studio: ${server.studioUrl}`);
  context.log(`Serving on 127.0.0.1 only; the address carries this session's access token. Data: ${context.dataDir}. Ctrl+C stops.`);
  const stop = (): void => {
    context.log('Stopping the studio…');
    void server.close().then(() => {
      engine.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
