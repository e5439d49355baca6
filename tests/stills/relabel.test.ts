/** The stills repo's editing side: items page, relabel (reviewed, user labels), class order, added classes, delete. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalogue } from '../../src/main/engine/catalogue/catalogue';

let dir: string;
let catalogue: Catalogue;
let datasetId: number;
let ids: number[];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motif-stills-relabel-'));
  catalogue = Catalogue.open(path.join(dir, 'c.sqlite'));
  datasetId = catalogue.stills.ensure('/stills', 'Scales').id;
  const labels = ['CU', 'CU', 'LS', 'LS', 'MS'];
  ids = labels.map(
    (_, i) =>
      catalogue.media.insert({
        kind: 'image',
        path: `/stills/${labels[i]}/film_${i}.jpg`,
        contentHash: `h${i}`,
        title: `film_${i}`,
        metadata: { width: 640 + i, height: 360 },
      }).id,
  );
  catalogue.stills.sync(
    datasetId,
    ids.map((itemId, i) => ({ itemId, label: labels[i] as string, groupKey: 'film' })),
  );
});
afterEach(() => {
  catalogue.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('stills dataset editing', () => {
  it('recognises the shot-scale order of the labels until a person sets another or none', () => {
    expect(catalogue.stills.get(datasetId)).toMatchObject({
      classOrder: ['CU', 'MS', 'LS'],
      extraClasses: [],
      reviewed: 0,
    });
    expect(catalogue.stills.update(datasetId, { classOrder: ['LS', 'MS', 'CU'] }).classOrder).toEqual([
      'LS',
      'MS',
      'CU',
    ]);
    expect(catalogue.stills.update(datasetId, { classOrder: null }).classOrder).toBeNull();
    expect(() => catalogue.stills.update(datasetId, { classOrder: ['LS', 'CU'] })).toThrow(/leaves out "MS"/);
  });

  it('pages items with their size from the media metadata, optionally of one class', () => {
    const page = catalogue.stills.items(datasetId, { limit: 2, offset: 1 });
    expect(page.total).toBe(5);
    expect(page.items).toHaveLength(2);
    expect(page.items[0]).toMatchObject({
      itemId: ids[1],
      label: 'CU',
      labelSource: 'folder',
      reviewed: false,
      width: 641,
      height: 360,
      groupKey: 'film',
    });
    expect(catalogue.stills.items(datasetId, { label: 'LS' }).items.map((i) => i.itemId)).toEqual([ids[2], ids[3]]);
  });

  it('relabel: a new label just works, counts as reviewed by a person and survives a re-import', () => {
    expect(catalogue.stills.relabel(datasetId, [ids[0] as number, ids[4] as number], 'ECU')).toEqual({ count: 2 });
    const dataset = catalogue.stills.get(datasetId);
    expect(dataset?.classes).toEqual([
      { label: 'CU', count: 1 },
      { label: 'ECU', count: 2 },
      { label: 'LS', count: 2 },
    ]);
    expect(dataset?.reviewed).toBe(2);
    expect(dataset?.classOrder).toEqual(['ECU', 'CU', 'LS']);
    const member = catalogue.stills.members(datasetId).find((m) => m.itemId === ids[0]);
    expect(member).toMatchObject({ label: 'ECU', labelSource: 'user' });
    expect(member?.reviewedAt).not.toBeNull();
    // A re-import with the folder label keeps the person's label.
    catalogue.stills.sync(
      datasetId,
      ids.map((itemId) => ({ itemId, label: 'CU', groupKey: 'film' })),
    );
    expect(catalogue.stills.members(datasetId).find((m) => m.itemId === ids[0])?.label).toBe('ECU');
    expect(() => catalogue.stills.relabel(datasetId, [99_999], 'CU')).toThrow(/not in this dataset/);
  });

  it('an added class is listed until a still carries it; names must be free', () => {
    expect(catalogue.stills.update(datasetId, { addClass: 'ELS' }).extraClasses).toEqual(['ELS']);
    expect(catalogue.stills.get(datasetId)?.classOrder).toEqual(['CU', 'MS', 'LS', 'ELS']);
    expect(() => catalogue.stills.update(datasetId, { addClass: 'CU' })).toThrow(/already has a class/);
    catalogue.stills.relabel(datasetId, [ids[3] as number], 'ELS');
    expect(catalogue.stills.get(datasetId)?.extraClasses).toEqual([]);
    expect(catalogue.stills.update(datasetId, { name: 'Renamed' }).name).toBe('Renamed');
    catalogue.stills.ensure('/other', 'Other');
    expect(() => catalogue.stills.update(datasetId, { name: 'other' })).toThrow(/already exists/);
  });

  it('delete forgets the dataset but keeps its stills in the library', () => {
    expect(catalogue.stills.delete(datasetId)).toBe(true);
    expect(catalogue.stills.get(datasetId)).toBeNull();
    expect(catalogue.media.get(ids[0] as number)).not.toBeNull();
    expect(catalogue.stills.delete(datasetId)).toBe(false);
  });
});
