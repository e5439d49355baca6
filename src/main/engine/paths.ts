import os from 'node:os';
import path from 'node:path';

export const CATALOGUE_FILE = 'motif.sqlite';
const APP_DIR_NAME = 'Motif';

/**
 * The default data directory under plain Node: the same folder Electron uses as `userData` for
 * an app named "Motif", so the CLI, the browser studio and the desktop app share one catalogue.
 */
export function platformDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') {
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  }
  if (platform === 'darwin') {
    return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  }
  const configHome = env.XDG_CONFIG_HOME;
  return path.join(configHome && configHome.length > 0 ? configHome : path.join(home, '.config'), APP_DIR_NAME);
}

/** `--data-dir` wins, then MOTIF_DATA_DIR, then the platform default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? (env.MOTIF_DATA_DIR && env.MOTIF_DATA_DIR.length > 0 ? env.MOTIF_DATA_DIR : undefined);
  return path.resolve(chosen ?? platformDataDir());
}

export interface DataPaths {
  dataDir: string;
  catalogue: string;
  models: string;
  /** Clips saved from Compose (a library folder Motif manages). */
  compositions: string;
  /** MIDI files written to be dragged out to a DAW or the desktop. */
  exports: string;
}

export function dataPaths(dataDir: string): DataPaths {
  return {
    dataDir,
    catalogue: path.join(dataDir, CATALOGUE_FILE),
    models: path.join(dataDir, 'models'),
    compositions: path.join(dataDir, 'Compositions'),
    exports: path.join(dataDir, 'Exports'),
  };
}
