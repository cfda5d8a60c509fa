/**
 * A synthetic inbox for the search benchmark: titles, descriptions and mail/Slack text drawn from a
 * vocabulary of 20,000 words with a Zipf word frequency (a few words everywhere, most words rare, as in
 * real mail): some 330 work words at the top, then generated words. Fixed seeds: every run searches
 * the same data with the same queries.
 */

const WORDS = `budget review contract invoice payment report meeting deadline proposal design release deploy
customer support ticket incident outage roadmap planning hiring interview onboarding offboarding laptop
access password security audit compliance policy legal signature approval expense travel flight hotel
conference workshop training webinar presentation slides deck agenda minutes notes summary feedback survey
quarter annual monthly weekly daily sprint backlog estimate launch campaign marketing newsletter website
analytics dashboard metrics revenue forecast pricing discount renewal subscription license vendor supplier
purchase order shipment delivery warehouse inventory refund complaint escalation partner agreement
negotiation draft revision translation localization migration database backup server network firewall
upgrade patch version mobile android iphone tablet printer scanner office desk parking badge catering lunch
dinner party celebration birthday anniversary holiday vacation leave sick benefits insurance payroll
salary bonus promotion review evaluation goals objectives strategy vision mission values culture team
department manager director board investor shareholder dividend tax filing receipt bank transfer wire
account statement reconciliation ledger audit spreadsheet document folder archive share permission
calendar invitation reschedule cancel confirm remind follow update check send prepare schedule book
order pay sign approve decline reply answer forward review fix test merge build ship write read call
email message chat thread channel mention question request urgent important tomorrow friday monday`.split(/\s+/);

const NAMES = `Dana Priya Sam Jo Lee Maria Alex Zoë Müller Ortiz Park Chen Garcia Shah Nguyen Kowalski Dubois
Rossi Tanaka Silva Andersson Okafor Haddad Novak Björk François Łukasz Søren Amélie José`.split(/\s+/);

/** A small deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = 'ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so ta te ti to tu va ve vi vo za ze zi zo'.split(' ');
const VOCABULARY_SIZE = 20_000;

/** The work words, then generated three-syllable words, most frequent first. */
function buildVocabulary(): string[] {
  const words = [...new Set(WORDS)];
  const seen = new Set(words);
  const random = seededRandom(5);
  while (words.length < VOCABULARY_SIZE) {
    const word = Array.from({ length: 2 + Math.floor(random() * 3) }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]!).join('');
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  return words;
}

/** Words drawn with a Zipf skew: word i is about 1/(i+1) as likely as the first. */
export function wordPicker(random: () => number) {
  const vocabulary = buildVocabulary();
  // Inverse CDF of a harmonic distribution, precomputed.
  const weights = vocabulary.map((_, index) => 1 / (index + 1));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const cumulative: number[] = [];
  let running = 0;
  for (const weight of weights) cumulative.push((running += weight / total));
  const pick = (): string => {
    const r = random();
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < r) low = middle + 1;
      else high = middle;
    }
    return vocabulary[low]!;
  };
  const name = () => NAMES[Math.floor(random() * NAMES.length)]!;
  const words = (count: number) => Array.from({ length: count }, pick).join(' ');
  return { pick, name, words, vocabulary };
}
