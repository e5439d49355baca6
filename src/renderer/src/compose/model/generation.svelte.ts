/**
 * The Generate tab's state: the settings (mode, bars, temperature, variations, key lock, top-k,
 * top-p, seed), the request they make from the editor's clip and selection, the variations the
 * model answered with, and what the user does with each: audition it in context, accept it into
 * the clip (one undoable edit), discard it, or look at it as ghost notes in the piano roll.
 */
import type { MelodyGeneration, GeneratedVariation, GenerationMode } from '../../../../shared/melody';
import type { MotifClient } from '../../../../shared/api';
import type { ClipNote } from '../../../../shared/music';
import type { ComposeSession } from '../session.svelte';
import type { MelodyModels } from './melodyModels.svelte';
import {
  DEFAULT_SETTINGS,
  barsOf,
  buildGenerateRequest,
  placeNotes,
  withVariation,
  type BuiltRequest,
  type GenerateSettings,
  type KeyChoice,
  type Placement,
} from './request';

export interface VariationView {
  /** Unique across generations: `${batch}-${index}`. */
  key: string;
  /** 1-based, as the model numbered them. */
  number: number;
  /** The notes where they go in the clip. */
  notes: ClipNote[];
  memorisation: GeneratedVariation['memorisation'];
  logLikelihood: number;
}

export interface GenerationBatch {
  id: number;
  modelId: number;
  modelName: string;
  mode: GenerationMode;
  placement: Placement;
  summary: string;
  /** The seed used: typing it in gives the same notes again. */
  seed: number;
  ms: number;
  variations: VariationView[];
}

export interface GenerationError {
  message: string;
  kind: string;
}

/** Bars of context played before a variation when auditioning it. */
export const AUDITION_LEAD_BARS = 1;

export class GenerationStore {
  mode = $state<GenerationMode>(DEFAULT_SETTINGS.mode);
  bars = $state(DEFAULT_SETTINGS.bars);
  temperature = $state(DEFAULT_SETTINGS.temperature);
  variations = $state(DEFAULT_SETTINGS.variations);
  keyChoice = $state<KeyChoice>(DEFAULT_SETTINGS.keyChoice);
  topK = $state(DEFAULT_SETTINGS.topK);
  topP = $state(DEFAULT_SETTINGS.topP);
  seedText = $state(DEFAULT_SETTINGS.seedText);
  /** Infill bars the user typed (1-based, inclusive); null follows the selection. */
  fromBarInput = $state<number | null>(null);
  toBarInput = $state<number | null>(null);
  advancedOpen = $state(false);

  busy = $state(false);
  error = $state.raw<GenerationError | null>(null);
  batch = $state.raw<GenerationBatch | null>(null);
  /** The variation last accepted and the ids its notes got in the clip. */
  accepted = $state.raw<{ key: string; ids: readonly string[] } | null>(null);
  /** The card under the pointer or keyboard focus: its notes show as ghosts. */
  hovered = $state<string | null>(null);

  readonly #client: MotifClient;
  readonly #session: ComposeSession;
  readonly #models: MelodyModels;
  #batches = 0;

  /** Infill bars: what the user typed, else the selection's bars, else the clip's last bar. */
  readonly infillBars: { from: number; to: number } = $derived.by(() => {
    const editor = this.#session.editor;
    const selection = barsOf(editor.selectedNotes, editor);
    const last = Math.max(1, Math.round(editor.lengthTicks / editor.barTicks));
    const from = this.fromBarInput ?? selection?.from ?? last;
    const to = this.toBarInput ?? (this.fromBarInput === null ? (selection?.to ?? last) : from);
    return { from, to };
  });
  readonly settings: GenerateSettings = $derived({
    mode: this.mode,
    bars: this.bars,
    temperature: this.temperature,
    variations: this.variations,
    keyChoice: this.keyChoice,
    topK: this.topK,
    topP: this.topP,
    seedText: this.seedText,
    fromBar: this.infillBars.from,
    toBar: this.infillBars.to,
  });
  readonly request: BuiltRequest = $derived.by(() =>
    buildGenerateRequest(this.#session.editor, this.settings, this.#models.selected?.id ?? null),
  );
  /** The variation whose notes show as ghosts: the hovered card, else the one being auditioned. */
  readonly ghost: VariationView | null = $derived.by(() => {
    const key = this.hovered ?? this.#session.transport.auditioning;
    const found = key === null ? undefined : this.batch?.variations.find((v) => v.key === key);
    return found && !this.isAccepted(found.key) ? found : null;
  });

  constructor(client: MotifClient, session: ComposeSession, models: MelodyModels) {
    this.#client = client;
    this.#session = session;
    this.#models = models;
  }

  /** Infill bars back to following the selection. */
  followSelection(): void {
    this.fromBarInput = null;
    this.toBarInput = null;
  }

  async generate(): Promise<GenerationBatch | null> {
    const built = this.request;
    const model = this.#models.selected;
    if (!built.ok || !model || this.busy) {
      if (!built.ok) this.error = { message: built.problem, kind: 'invalid-input' };
      return null;
    }
    this.busy = true;
    this.error = null;
    try {
      const result: MelodyGeneration = await this.#client.call('melody.generate', built.input);
      const id = ++this.#batches;
      this.#stopAudition();
      this.hovered = null;
      this.batch = {
        id,
        modelId: model.id,
        modelName: model.name,
        mode: result.mode,
        placement: built.placement,
        summary: built.summary,
        seed: result.seed,
        ms: result.ms,
        variations: result.variations.map((v, i) => ({
          key: `${id}-${i + 1}`,
          number: i + 1,
          notes: placeNotes(v.notes, built.placement),
          memorisation: v.memorisation,
          logLikelihood: v.logLikelihood,
        })),
      };
      return this.batch;
    } catch (error) {
      const kind = (error as { kind?: unknown }).kind;
      this.error = {
        message: error instanceof Error ? error.message : String(error),
        kind: typeof kind === 'string' ? kind : 'internal',
      };
      return null;
    } finally {
      this.busy = false;
    }
  }

  /** Puts the seed of the last generation into the seed field (to get the same notes again). */
  reuseSeed(): void {
    if (this.batch) {
      this.seedText = String(this.batch.seed);
      this.advancedOpen = true;
    }
  }

  /** Whether the variation is in the clip now (an undo takes it out again). */
  isAccepted(key: string): boolean {
    const accepted = this.accepted;
    if (!accepted || accepted.key !== key || accepted.ids.length === 0) return false;
    const present = this.#session.editor.notes.map((n) => n.id);
    return accepted.ids.every((id) => present.includes(id));
  }

  /** Inserts the variation into the clip, replacing what was in its range: one undo step. */
  accept(key: string): boolean {
    const batch = this.batch;
    const variation = batch?.variations.find((v) => v.key === key);
    if (!batch || !variation) return false;
    this.#stopAudition();
    const inserted = this.#session.editor.insertNotes(
      variation.notes.map(({ pitch, tick, durationTicks, velocity }) => ({ pitch, tick, durationTicks, velocity })),
      { from: batch.placement.from, to: batch.placement.to },
    );
    this.accepted = { key, ids: inserted.map((n) => n.id) };
    // Nothing stays selected, so the next Continue carries on from the whole clip, variation and all.
    this.#session.editor.clearSelection();
    return inserted.length > 0;
  }

  discard(key: string): void {
    const batch = this.batch;
    if (!batch) return;
    if (this.#session.transport.auditioning === key) this.#stopAudition();
    if (this.hovered === key) this.hovered = null;
    const variations = batch.variations.filter((v) => v.key !== key);
    this.batch = variations.length > 0 ? { ...batch, variations } : null;
  }

  /** Clears every variation. */
  clear(): void {
    this.#stopAudition();
    this.hovered = null;
    this.batch = null;
  }

  /** Plays the clip with the variation in it, from a bar before it; pressing again stops. */
  async audition(key: string): Promise<void> {
    const transport = this.#session.transport;
    if (transport.auditioning === key) {
      transport.stop();
      return;
    }
    const batch = this.batch;
    const variation = batch?.variations.find((v) => v.key === key);
    if (!batch || !variation) return;
    const editor = this.#session.editor;
    const notes = this.isAccepted(key) ? editor.notes : withVariation(editor.notes, variation.notes, batch.placement);
    const from = Math.max(0, batch.placement.from - AUDITION_LEAD_BARS * editor.barTicks);
    await transport.audition(key, notes, from, batch.placement.to);
  }

  hover(key: string | null): void {
    this.hovered = key;
  }

  #stopAudition(): void {
    if (this.#session.transport.auditioning !== null) this.#session.transport.stop();
  }
}
