/**
 * What only a desktop shell can do for the engine (native dialogs). The Electron shell passes an
 * implementation; under plain Node (browser studio, CLI, tests) there is none, and methods that
 * would need one return their data to the studio instead.
 */
export interface ShellServices {
  /** Ask where to save a file; null when the user cancels. */
  chooseSavePath(options: { title: string; defaultName: string; filters: Array<{ name: string; extensions: string[] }> }): Promise<string | null>;
}
