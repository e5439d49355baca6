/** The path of the installed Electron binary, or null. */
export function electronBinary(): string | null;
/** Null when the desktop app can be launched here, else a one-line reason. */
export function electronUnavailableReason(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): string | null;
