import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus } from './corpus';
import { judgeCorpus, replayCorpus } from './merge-eval';
import { pairFeatures, DEFAULT_SIMILARITY_MODEL, probability } from '../../src/main/merge/similarity';
import { fingerprintOf } from '../../src/main/merge/fingerprint';
const dir = mkdtempSync(join(tmpdir(), 'dbg-'));
const self = { addresses: new Set(['person@example.com']), names: ['Pat Example'] };
const threshold = Number(process.env.T ?? DEFAULT_SIMILARITY_MODEL.threshold);
for (const seed of process.argv.slice(2).map(Number)) {
  const corpus = generateCorpus(seed, 300); const judged = await judgeCorpus(corpus);
  const { metrics, rows, commitmentOf, sourceOf } = replayCorpus(corpus, judged, { ...DEFAULT_SIMILARITY_MODEL, threshold }, dir);
  console.log('== seed', seed, metrics.duplicates, metrics.wrong_merges, metrics.merged_rows);
  const info = new Map<number, { j: typeof judged[number]; f: ReturnType<typeof fingerprintOf> }>();
  for (const [id, j] of sourceOf) info.set(id, { j, f: fingerprintOf(j.item, j.verdict, self) });
  const show = (id: number) => { const x = info.get(id); if (!x) return '?'; return `${x.j.source.integration}/${x.j.source.variant} c${x.j.source.commitment} "${x.j.verdict.title.slice(0, 50)}" at=${x.f.atMs ? new Date(x.f.atMs).toISOString().slice(5, 16) : '-'}${x.f.atExact ? '!' : ''} sent=${x.f.sentMs ? new Date(x.f.sentMs).toISOString().slice(5, 16) : '-'} w=[${x.f.words}] p=[${x.f.people.filter(p => !p.includes('@')).join(',')}]`; };
  for (const r of rows) if (r.head !== r.id && commitmentOf.get(r.head) !== commitmentOf.get(r.id)) {
    const a = corpus.commitments[commitmentOf.get(r.id)! - 1]!, b = corpus.commitments[commitmentOf.get(r.head)! - 1]!;
    console.log('WRONG', r.reason, `| ${a.title} / ${b.title} | near=${a.nearMissOf?.kind ?? '-'}/${b.nearMissOf?.kind ?? '-'} rel=${a.nearMissOf?.id === b.id || b.nearMissOf?.id === a.id}`);
    console.log('   new ', show(r.id));
    for (const o of rows.filter(o => (o.head === r.head) && o.id !== r.id && o.id < r.id)) if (info.get(o.id) && info.get(r.id)) console.log('   grp ', show(o.id), ' p=', probability(pairFeatures(info.get(r.id)!.f, info.get(o.id)!.f), DEFAULT_SIMILARITY_MODEL).toFixed(3));
  }
}
