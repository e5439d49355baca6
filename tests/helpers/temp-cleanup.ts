/** Setup file of the engine tests: the temporary folders a test file made go when it ends. */
import { afterAll } from 'vitest';
import { removeMadeDirs } from './engine';

afterAll(() => removeMadeDirs());
