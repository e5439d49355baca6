/**
 * `motif`: the headless command line over the same engine the studio uses.
 * Global options (every subcommand): --data-dir DIR, --json.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { version } from '../../../package.json';
import { MEDIA_KINDS, type MediaKind } from '../../shared/catalogue';
import { JOB_STATES, type JobState } from '../../shared/jobs';
import { doctor } from './commands/doctor';
import { jobs } from './commands/jobs';
import { type LibraryListOptions, libraryAdd, libraryList, libraryRescan } from './commands/library';
import { collectCorpusSource, decimal, parseHiddenSizes, parseKey } from './commands/melody-args';
import { melodyEval, type MelodyEvalCliOptions } from './commands/melody-eval';
import { CLI_GENERATION_MODES, melodyGenerate, type MelodyGenerateCliOptions } from './commands/melody-generate';
import { melodyImport } from './commands/melody-import';
import { melodyModels } from './commands/melody-models';
import { melodyTrain, type MelodyTrainCliOptions } from './commands/melody-train';
import { recsEvaluate, recsImportRatings, type EvaluateOptions } from './commands/recs';
import { recsFor, recsTrain } from './commands/recs-for';
import { RECS_ALGORITHMS, type RecsAlgorithm } from '../../shared/recs';
import { serve } from './commands/serve';
import { stillsClassify, stillsEval, stillsExport, stillsImport, stillsTrain, type StillsTrainCliOptions } from './commands/stills';
import { createCliContext, reportFailure, type CliLayout, type GlobalOptions } from './context';

function layout(): CliLayout {
  const here = fileURLToPath(import.meta.url);
  // Run from source (tests, `tsx`): the worker is TypeScript too and needs the same loader.
  if (here.endsWith('.ts')) {
    const root = path.resolve(path.dirname(here), '../../..');
    return {
      workerEntry: path.join(root, 'src/main/worker/index.ts'),
      workerExecArgv: ['--import', 'tsx'],
      rendererDir: path.join(root, 'out/renderer'),
    };
  }
  const outMain = path.dirname(here);
  return { workerEntry: path.join(outMain, 'worker.js'), workerExecArgv: [], rendererDir: path.resolve(outMain, '../renderer') };
}

function integer(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
    return n;
  };
}

const program = new Command()
  .name('motif')
  .description('Motif: a local AI studio for melodies, film stills and your media library')
  .version(version)
  .option('--data-dir <dir>', 'data directory (default: $MOTIF_DATA_DIR, else the platform app-data folder)')
  .option('--json', 'machine-readable output on stdout (progress and logs go to stderr)')
  .showHelpAfterError();

function run<A extends unknown[]>(action: (globals: GlobalOptions, ...args: A) => Promise<void> | void) {
  return async (...args: A): Promise<void> => {
    const globals = program.opts<GlobalOptions>();
    try {
      await action(globals, ...args);
    } catch (error) {
      reportFailure(globals.json ?? false, error);
    }
  };
}

program
  .command('doctor')
  .description('versions, ML backend, data directory and catalogue health')
  .option('--self-test', 'also train a tiny network in the worker and show falling loss')
  .option('--steps <n>', 'optimiser steps for the self-test', integer(10, 100_000))
  .action(
    run(async (globals, options: { selfTest?: boolean; steps?: number }) => {
      await doctor(createCliContext(layout(), globals), options);
    }),
  );

program
  .command('serve')
  .description('serve the studio in your browser on 127.0.0.1 with an access token')
  .option('--port <n>', 'port to listen on (0 picks a free one)', integer(0, 65_535), 7770)
  .action(
    run(async (globals, options: { port: number }) => {
      await serve(createCliContext(layout(), globals), options);
    }),
  );

program
  .command('jobs')
  .description('list recent jobs and their states')
  .option('--limit <n>', 'how many', integer(1, 1000), 20)
  .addOption(new Option('--state <state>', 'only jobs in this state').choices(JOB_STATES))
  .action(
    run((globals, options: { limit: number; state?: JobState }) => {
      jobs(createCliContext(layout(), globals), options);
    }),
  );

const library = program.command('library').description('your media library: folders of audio, MIDI and images, in place');
library
  .command('add')
  .description('add folders to the library and import them (incremental; files stay where they are)')
  .argument('<dirs...>', 'folders to import')
  .action(
    run(async (globals, dirs: string[]) => {
      await libraryAdd(createCliContext(layout(), globals), dirs);
    }),
  );
library
  .command('list')
  .description('list catalogue items')
  .addOption(new Option('--kind <kind>', 'only this kind').choices(MEDIA_KINDS))
  .option('--search <query>', 'full-text search over title, artist, album, file name and tags')
  .option(
    '--tag <tag>',
    'only items with this tag, e.g. a label a stills model gave (repeat for several: items with all of them)',
    (tag: string, tags: string[]) => [...tags, tag],
    [] as string[],
  )
  .option('--missing', 'include items whose files went missing')
  .option('--limit <n>', 'how many', integer(1, 100_000), 50)
  .action(
    run((globals, options: LibraryListOptions) => {
      libraryList(createCliContext(layout(), globals), options);
    }),
  );
library
  .command('rescan')
  .description('rescan every library folder for new, changed and missing files')
  .action(
    run(async (globals) => {
      await libraryRescan(createCliContext(layout(), globals));
    }),
  );

const melody = program.command('melody').description('the melody studio: train an LSTM on your MIDI files, continue and generate melodies');
melody
  .command('import')
  .description('add a folder of MIDI files to the library and import it in place (a per-file report of what was skipped and why)')
  .argument('<dir>', 'the folder')
  .action(
    run(async (globals, dir: string) => {
      await melodyImport(createCliContext(layout(), globals), dir);
    }),
  );
const corpusHelp = 'a folder or .mid file, or tag:NAME for tagged library items (repeatable; default: every MIDI file in the library)';
melody
  .command('train')
  .description('train the melody LSTM as a job (live loss, accuracy and ETA; Ctrl+C cancels) and compare it with the n-gram baseline')
  .option('--corpus <dir|tag:name>', corpusHelp, collectCorpusSource)
  .option('--epochs <n>', 'training epochs (default 20)', integer(1, 1000))
  .option('--max-minutes <m>', 'time budget for the whole job, in minutes', decimal(0, 7 * 24 * 60, { exclusiveMin: true }))
  .option('--name <name>', 'name of the model version')
  .option('--hidden <sizes>', 'LSTM layer sizes, comma-separated (default 128,128)', parseHiddenSizes)
  .option('--seed <n>', 'seed for the weights and the batches', integer(0, 2 ** 31 - 1))
  .option('--no-resume', "start afresh instead of from this run's last checkpoint")
  .action(
    run(async (globals, options: MelodyTrainCliOptions) => {
      await melodyTrain(createCliContext(layout(), globals), options);
    }),
  );
melody
  .command('eval')
  .description('score a melody model on held-out files against every n-gram baseline')
  .option('--model <id>', 'model version (default: the newest melody model)', integer(1, 2 ** 31 - 1))
  .option('--corpus <dir|tag:name>', `${corpusHelp}; default: the files the model was trained on`, collectCorpusSource)
  .action(
    run(async (globals, options: MelodyEvalCliOptions) => {
      await melodyEval(createCliContext(layout(), globals), options);
    }),
  );
melody
  .command('models')
  .description('list melody model versions with their held-out perplexity and n-gram ratio')
  .action(
    run(async (globals) => {
      await melodyModels(createCliContext(layout(), globals));
    }),
  );
melody
  .command('generate')
  .description('continue a seed MIDI file (or generate from scratch) and write each variation as a .mid file')
  .requiredOption('--out <dir>', 'folder for the variations (<seed name>-variation-N.mid)')
  .option('--model <id>', 'model version (default: the newest melody model)', integer(1, 2 ** 31 - 1))
  .option('--seed <file.mid>', 'MIDI file to continue')
  .option('--bars <n>', 'bars to generate', integer(1, 32), 8)
  .option('--temperature <t>', 'sampling temperature (0 = always the most likely event)', decimal(0, 2), 1)
  .option('--top-k <k>', 'sample from the k most likely events only (0 = off)', integer(0, 128))
  .option('--top-p <p>', 'nucleus sampling threshold (1 = off)', decimal(0, 1, { exclusiveMin: true }))
  .option('--variations <n>', 'how many variations', integer(1, 8), 4)
  .option('--key <key>', 'lock generated pitches to a scale, e.g. C:major, F#:minor, Bb:minor', parseKey)
  .option('--random-seed <n>', 'random seed, to get the same notes again', integer(0, 2 ** 31 - 1))
  .addOption(new Option('--mode <mode>', 'continue the seed, or generate from scratch (default: continue with --seed)').choices(CLI_GENERATION_MODES))
  .action(
    run(async (globals, options: MelodyGenerateCliOptions) => {
      await melodyGenerate(createCliContext(layout(), globals), options);
    }),
  );

const recs = program.command('recs').description('recommendations from your ratings (matrix factorisation)');
recs
  .command('import-ratings')
  .description('import MovieLens ratings (u.data, ratings.csv, ratings.dat; auto-detected): users become profiles, items become films')
  .argument('<file>', 'the ratings file')
  .option('--items <file>', 'the items file (u.item, movies.csv, movies.dat); found beside the ratings by default')
  .action(
    run((globals, file: string, options: { items?: string }) => {
      recsImportRatings(createCliContext(layout(), globals), file, options);
    }),
  );
recs
  .command('evaluate')
  .description("cross-validate recommenders like Surprise's cross_validate: RMSE, MAE, top-10 metrics, fit and test time")
  .option('--ratings <file>', 'a MovieLens ratings file (u.data, ratings.csv or ratings.dat) for k-fold cross-validation')
  .option('--items <file>', 'the matching items file (u.item, movies.csv, movies.dat); found beside the ratings by default')
  .option('--train <file>', 'an explicit training file (with --test)')
  .option('--test <file>', 'an explicit test file (with --train)')
  .option('--folds <n>', 'number of folds', integer(2, 50), 5)
  .option('--seed <n>', 'seed for the folds and the models', integer(0, 2 ** 31 - 1), 0)
  .option('--algo <name...>', 'algorithms: svd (Surprise SVD), bayes-mf, bayes-svdpp, default', [])
  .action(
    run((globals, options: EvaluateOptions) => {
      recsEvaluate(createCliContext(layout(), globals), options);
    }),
  );

recs
  .command('for')
  .description("a profile's personalised suggestions, with what drove each one")
  .argument('<profile>', 'profile name or id')
  .option('-n <count>', 'how many suggestions', integer(1, 200), 10)
  .addOption(new Option('--kind <kind...>', 'only these kinds').choices([...MEDIA_KINDS]))
  .action(
    run(async (globals, profile: string, options: { n: number; kind?: MediaKind[] }) => {
      await recsFor(createCliContext(layout(), globals), profile, options);
    }),
  );
recs
  .command('train')
  .description("cross-validate and train the recommender on every profile's ratings in the catalogue (a background job)")
  .addOption(new Option('--algo <name>', 'the algorithm').choices([...RECS_ALGORITHMS]).default('default'))
  .option('--folds <n>', 'cross-validation folds before the final fit (0 skips evaluation)', integer(0, 10), 5)
  .option('--seed <n>', 'seed for the folds and the model', integer(0, 2 ** 31 - 1), 0)
  .action(
    run(async (globals, options: { algo: RecsAlgorithm; folds: number; seed: number }) => {
      await recsTrain(createCliContext(layout(), globals), options);
    }),
  );

const stills = program.command('stills').description('the stills lab: classify film stills (e.g. shot scale) with a model trained on your class folders');
stills
  .command('import')
  .description('import a folder of class subfolders (one per label) as a dataset, in place')
  .argument('<dir>', 'the folder of class subfolders')
  .option('--name <name>', 'dataset name (default: the folder name)')
  .action(
    run(async (globals, dir: string, options: { name?: string }) => {
      await stillsImport(createCliContext(layout(), globals), dir, options);
    }),
  );
stills
  .command('train')
  .description('train a classifier on a dataset as a job (transfer learning on the backbone, or --scratch) and print its evaluation')
  .argument('<dataset>', 'dataset id or name')
  .option('--backbone <dir>', 'a MobileNet folder other than the one in Settings')
  .addOption(new Option('--scratch', 'train the small CNN from scratch instead of a head on the backbone').conflicts('backbone'))
  .option('--epochs <n>', 'passes over the training split', integer(1, 1000))
  .option('--max-minutes <m>', 'time budget for the whole job, in minutes', decimal(0, 7 * 24 * 60, { exclusiveMin: true }))
  .option('--name <name>', 'name of the model version')
  .action(
    run(async (globals, dataset: string, options: StillsTrainCliOptions) => {
      await stillsTrain(createCliContext(layout(), globals), dataset, options);
    }),
  );
stills
  .command('eval')
  .description('accuracy, ±1, macro-F1, per-class precision/recall/F1, the confusion matrix and calibration of a model')
  .option('--model <id>', 'model version (default: the newest stills model)', integer(1, 2 ** 31 - 1))
  .action(
    run(async (globals, options: { model?: number }) => {
      await stillsEval(createCliContext(layout(), globals), options);
    }),
  );
stills
  .command('classify')
  .description('tag every still in a folder with its predicted label (the folder joins the library in place if new)')
  .argument('<dir>', 'the folder of stills')
  .requiredOption('--model <id>', 'model version', integer(1, 2 ** 31 - 1))
  .action(
    run(async (globals, dir: string, options: { model: number }) => {
      await stillsClassify(createCliContext(layout(), globals), dir, options);
    }),
  );
stills
  .command('export')
  .description('write a model version as a TensorFlow.js folder with labels.json and manifest.json')
  .requiredOption('--model <id>', 'model version', integer(1, 2 ** 31 - 1))
  .requiredOption('--out <dir>', 'the folder to write')
  .action(
    run(async (globals, options: { model: number; out: string }) => {
      await stillsExport(createCliContext(layout(), globals), options);
    }),
  );

await program.parseAsync(process.argv);
