import { MotifError } from '../../../shared/errors';

/**
 * A rating or item file that cannot be read. It is an `invalid-input` MotifError whose message
 * starts with `file:line:` and that carries the file name and the 1-based line number (0 when
 * the problem is the file as a whole), so the UI and CLI can point at the offending line.
 */
export class RatingsFileError extends MotifError {
  readonly file: string;
  readonly line: number;

  constructor(file: string, line: number, problem: string) {
    super('invalid-input', line > 0 ? `${file}:${line}: ${problem}` : `${file}: ${problem}`);
    this.name = 'RatingsFileError';
    this.file = file;
    this.line = line;
  }
}
