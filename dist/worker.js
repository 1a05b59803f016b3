import {createRequire as __llmopsRequire} from 'node:module';
const require = __llmopsRequire(import.meta.url);

// src/monitor/worker.ts
import { parentPort, workerData } from "node:worker_threads";

// src/io/byte-sink.ts
var MEASURE_FROM = 16384;
var ByteSink = class {
  buffer;
  length = 0;
  constructor(capacity) {
    this.buffer = Buffer.alloc(Math.max(256, capacity));
  }
  /** Append `text` as UTF-8. */
  text(text) {
    this.reserve(text.length > MEASURE_FROM ? Buffer.byteLength(text, "utf8") : 3 * text.length);
    this.length += this.buffer.write(text, this.length, "utf8");
  }
  /** Append `from[start, end)` as it is. */
  copy(from, start, end) {
    this.reserve(end - start);
    this.buffer.set(from.subarray(start, end), this.length);
    this.length += end - start;
  }
  /** The bytes written so far (a view of the sink's own memory). */
  done() {
    return this.buffer.subarray(0, this.length);
  }
  reserve(more) {
    const needed = this.length + more;
    if (needed <= this.buffer.length) return;
    let size = 2 * this.buffer.length;
    while (size < needed) size *= 2;
    const grown = Buffer.alloc(size);
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
};

// src/io/lines.ts
import { Buffer as Buffer2, isUtf8 } from "node:buffer";
var OversizedLine = class {
  constructor(length) {
    this.length = length;
  }
  length;
};
var SLICE = 16 * 1024;
var DEFAULT_MAX_LINE_LENGTH = 64 * 1024 * 1024;
var CP1252 = [
  8364,
  129,
  8218,
  402,
  8222,
  8230,
  8224,
  8225,
  710,
  8240,
  352,
  8249,
  338,
  141,
  381,
  143,
  144,
  8216,
  8217,
  8220,
  8221,
  8226,
  8211,
  8212,
  732,
  8482,
  353,
  8250,
  339,
  157,
  382,
  376
];
function utf8Length(bytes, i) {
  const b = bytes[i];
  if (b < 128) return 1;
  const length = b >= 194 && b <= 223 ? 2 : b >= 224 && b <= 239 ? 3 : b >= 240 && b <= 244 ? 4 : 0;
  if (length === 0 || i + length > bytes.length) return 0;
  for (let k = 1; k < length; k++) if ((bytes[i + k] & 192) !== 128) return 0;
  const second = bytes[i + 1];
  if (b === 224 && second < 160 || b === 237 && second > 159 || b === 240 && second < 144 || b === 244 && second > 143) return 0;
  return length;
}
function decodeLenient(bytes) {
  let out = "";
  let run2 = 0;
  const flush = (end) => {
    if (end > run2) out += Buffer2.from(bytes.buffer, bytes.byteOffset + run2, end - run2).toString("utf8");
  };
  for (let i = 0; i < bytes.length; ) {
    const length = utf8Length(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    flush(i);
    const b = bytes[i];
    out += String.fromCharCode(b >= 128 && b <= 159 ? CP1252[b - 128] : b);
    i++;
    run2 = i;
  }
  flush(bytes.length);
  return out;
}
function frameLines(frame, maxLineBytes, atStart, spans) {
  const bytes = Buffer2.from(frame.buffer, frame.byteOffset, frame.length);
  const lines = [];
  let start = atStart && bytes[0] === 239 && bytes[1] === 187 && bytes[2] === 191 ? 3 : 0;
  while (start < bytes.length) {
    const nl = bytes.indexOf(10, start);
    const next = nl === -1 ? bytes.length : nl + 1;
    let end = nl === -1 ? bytes.length : nl;
    if (end > start && bytes[end - 1] === 13) end--;
    if (end - start > maxLineBytes) {
      lines.push(new OversizedLine(end - start));
      spans?.push(-1, -1);
    } else {
      const text = bytes.toString("utf8", start, end);
      const lenient = text.includes("\uFFFD") && !isUtf8(bytes.subarray(start, end));
      lines.push(lenient ? decodeLenient(bytes.subarray(start, end)) : text);
      if (lenient) spans?.push(-1, -1);
      else spans?.push(start, end);
    }
    start = next;
  }
  return lines;
}

// src/report/jsonl.ts
function formatRecord(analyzed) {
  const { record, raw } = analyzed;
  if (raw === void 0) return JSON.stringify(record);
  return `${recordHead(analyzed)}${raw.includes("\r") ? raw.replaceAll("\r", " ") : raw}}`;
}
function recordHead({ record }) {
  const { original_interaction: _, ...head } = record;
  return `${JSON.stringify(head).slice(0, -1)},"original_interaction":`;
}

// src/io/line-keys.ts
import { createHash } from "node:crypto";
var WORDS = 4;
function lineKeyInto(line, out, at) {
  const digest = createHash("sha1").update(line.endsWith("\r") ? line.slice(0, -1) : line).digest();
  out[at] = digest.readUInt32LE(0) | 1;
  out[at + 1] = digest.readUInt32LE(4);
  out[at + 2] = digest.readUInt32LE(8);
  out[at + 3] = digest.readUInt32LE(12);
}
var LineKeys = class _LineKeys {
  table;
  count;
  /** The key `has` hashes into (one per set: a set is used by one thread at a time). */
  probe = new Uint32Array(WORDS);
  constructor(state) {
    this.table = state?.table ?? _LineKeys.empty(1024);
    this.count = state?.count ?? 0;
  }
  static empty(slots) {
    return new Uint32Array(new SharedArrayBuffer(slots * WORDS * Uint32Array.BYTES_PER_ELEMENT));
  }
  get size() {
    return this.count;
  }
  /** Plain data for a worker thread (its memory is shared). */
  get state() {
    return { table: this.table, count: this.count };
  }
  /** Adds each key of `keys` (4 words each, from `lineKeyInto`). */
  addAll(keys) {
    for (let at = 0; at + WORDS <= keys.length; at += WORDS) this.add(keys, at);
  }
  /** The line's text was among the keys. */
  has(line) {
    lineKeyInto(line, this.probe, 0);
    return this.slotOf(this.table, this.probe, 0) >= 0;
  }
  add(keys, at) {
    const slot = this.slotOf(this.table, keys, at);
    if (slot >= 0) return;
    if (2 * (this.count + 1) > this.table.length / WORDS) this.grow();
    this.put(this.table, keys, at);
    this.count++;
  }
  /** Where the key is (>= 0), or -1 - the empty slot where it would go. */
  slotOf(table, keys, at) {
    const mask2 = table.length / WORDS - 1;
    for (let slot = keys[at + 1] & mask2; ; slot = slot + 1 & mask2) {
      const base = slot * WORDS;
      const first = table[base];
      if (first === 0) return -1 - slot;
      if (first === keys[at] && table[base + 1] === keys[at + 1] && table[base + 2] === keys[at + 2] && table[base + 3] === keys[at + 3]) return slot;
    }
  }
  put(table, keys, at) {
    const base = (-1 - this.slotOf(table, keys, at)) * WORDS;
    for (let k = 0; k < WORDS; k++) table[base + k] = keys[at + k];
  }
  grow() {
    const old = this.table;
    const table = _LineKeys.empty(2 * old.length / WORDS);
    for (let base = 0; base < old.length; base += WORDS) if (old[base] !== 0) this.put(table, old, base);
    this.table = table;
  }
};

// src/engine/alternation.ts
function alternativesOf(source) {
  const out = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}
var LITERAL_FIRST = /^[\w"' ,;<>=!@#%&~`-](?![?*+{])/;
function groupByFirstChar(source, ignoreCase) {
  if (/\\[1-9k]|(?:^|[^\\])\((?!\?)/.test(source)) return source;
  const alternatives = alternativesOf(source);
  if (alternatives.length < 2) return source;
  const groups = /* @__PURE__ */ new Map();
  for (const alternative of alternatives) {
    const first = LITERAL_FIRST.test(alternative) ? alternative[0] : void 0;
    const key = first === void 0 ? `\0${alternative}` : ignoreCase ? first.toLowerCase() : first;
    let group = groups.get(key);
    if (group === void 0) groups.set(key, group = []);
    group.push(first === void 0 ? alternative : alternative.slice(1));
  }
  return [...groups].map(([key, rests]) => key.startsWith("\0") ? key.slice(1) : rests.length === 1 ? key + rests[0] : `${key}(?:${rests.join("|")})`).join("|");
}

// src/engine/automaton/char-set.ts
var MAX_UNIT = 65535;
function setOf(pairs) {
  const sorted = pairs.length === 1 ? pairs : [...pairs].sort((a, b) => a[0] - b[0]);
  const out = [];
  for (let i = 0; i < sorted.length; i++) {
    const [lo, hi] = sorted[i];
    if (lo > hi) continue;
    const last = out.length - 1;
    if (last > 0 && lo <= out[last] + 1) out[last] = Math.max(out[last], hi);
    else out.push(lo, hi);
  }
  return out;
}
var charOf = (unit) => [unit, unit];
function union(...sets) {
  const pairs = [];
  for (const set of sets) for (let i = 0; i < set.length; i += 2) pairs.push([set[i], set[i + 1]]);
  return setOf(pairs);
}
function negate(set) {
  const out = [];
  let next = 0;
  for (let i = 0; i < set.length; i += 2) {
    if (set[i] > next) out.push(next, set[i] - 1);
    next = set[i + 1] + 1;
  }
  if (next <= MAX_UNIT) out.push(next, MAX_UNIT);
  return out;
}
var DIGIT = [48, 57];
var WORD = setOf([
  [48, 57],
  [65, 90],
  [95, 95],
  [97, 122]
]);
var SPACE = setOf([
  [9, 13],
  [32, 32],
  [160, 160],
  [5760, 5760],
  [8192, 8202],
  [8232, 8233],
  [8239, 8239],
  [8287, 8287],
  [12288, 12288],
  [65279, 65279]
]);
var NOT_LINE_END = negate(
  setOf([
    [10, 10],
    [13, 13],
    [8232, 8233]
  ])
);
var ANY = [0, MAX_UNIT];
var Folding = class {
  constructor(table) {
    this.table = table;
  }
  table;
  /** For each unit that shares its fold with another, the others; units in sorted order. */
  others;
  shared = [];
  build() {
    const keys = this.table();
    const groups = /* @__PURE__ */ new Map();
    for (let unit = 0; unit <= MAX_UNIT; unit++) {
      const key = keys[unit];
      if (key === unit) continue;
      let group = groups.get(key);
      if (group === void 0) groups.set(key, group = key >= 0 && key <= MAX_UNIT && keys[key] === key ? [key] : []);
      group.push(unit);
    }
    const others = /* @__PURE__ */ new Map();
    for (const group of groups.values())
      if (group.length > 1)
        for (const unit of group)
          others.set(
            unit,
            group.filter((u) => u !== unit)
          );
    this.shared = [...others.keys()].sort((a, b) => a - b);
    return others;
  }
  /** Every unit x with fold(x) equal to fold(y) for some y in `set`. */
  closure(set) {
    const others = this.others ??= this.build();
    const shared = this.shared;
    const pairs = [];
    for (let i = 0; i < set.length; i += 2) {
      const lo = set[i];
      const hi = set[i + 1];
      pairs.push([lo, hi]);
      let j = 0;
      for (let step2 = shared.length; step2 > 0; step2 >>= 1) while (j + step2 <= shared.length && shared[j + step2 - 1] < lo) j += step2;
      for (; j < shared.length && shared[j] <= hi; j++) {
        const group = others.get(shared[j]);
        for (let k = 0; k < group.length; k++) pairs.push([group[k], group[k]]);
      }
    }
    return setOf(pairs);
  }
  /** The units that fold to `unit`'s fold, `unit` included. */
  of(unit) {
    const others = (this.others ??= this.build()).get(unit);
    return others === void 0 ? [unit, unit] : setOf([[unit, unit], ...others.map((u) => [u, u])]);
  }
};
var BLOCK = 1024;
function caseTable(map) {
  const out = new Int32Array(MAX_UNIT + 1);
  const one = (unit) => {
    const mapped = map(String.fromCharCode(unit));
    return mapped.length === 1 ? mapped.charCodeAt(0) : -1;
  };
  const units = new Uint16Array(BLOCK);
  for (let base = 0; base <= MAX_UNIT; base += BLOCK) {
    let mapped = "";
    if (base < 55296 || base > 57343) {
      for (let k = 0; k < BLOCK; k++) units[k] = base + k;
      mapped = map(String.fromCharCode.apply(null, units));
    }
    if (mapped.length === BLOCK) for (let k = 0; k < BLOCK; k++) out[base + k] = mapped.charCodeAt(k);
    else for (let k = 0; k < BLOCK; k++) out[base + k] = one(base + k);
  }
  out[931] = one(931);
  return out;
}
var regexFolding = new Folding(() => {
  const upper = caseTable((text) => text.toUpperCase());
  for (let unit = 0; unit <= MAX_UNIT; unit++) {
    const folded = upper[unit];
    upper[unit] = folded === -1 || unit >= 128 && folded < 128 ? unit : folded;
  }
  return upper;
});
var lowerFolding = new Folding(() => {
  const lower = caseTable((text) => text.toLowerCase());
  for (let unit = 0; unit <= MAX_UNIT; unit++) if (lower[unit] === -1) lower[unit] = -1 - unit;
  return lower;
});

// src/engine/automaton/multi-matcher.ts
var MAX_STATES = 2048;
var BUDGET = { states: 8192, unitsPerState: 256 };
var Nfa = class {
  set = [];
  next = [];
  accept = [];
  sets = [];
  setIds = /* @__PURE__ */ new Map();
  add(set, accept = -1) {
    this.set.push(set);
    this.next.push([]);
    this.accept.push(accept);
    return this.set.length - 1;
  }
  setId(set) {
    const key = set.join(",");
    let id = this.setIds.get(key);
    if (id === void 0) {
      id = this.sets.length;
      this.sets.push(set);
      this.setIds.set(key, id);
    }
    return id;
  }
  /** States for `node`: [entry, exit], the exit an empty move left open. */
  build(node) {
    switch (node.kind) {
      case "set": {
        const entry = this.add(this.setId(node.set));
        const exit = this.add(-1);
        this.next[entry]?.push(exit);
        return [entry, exit];
      }
      case "seq": {
        const entry = this.add(-1);
        let exit = entry;
        for (const item of node.items) {
          const [a, b] = this.build(item);
          this.next[exit]?.push(a);
          exit = b;
        }
        return [entry, exit];
      }
      case "alt": {
        const entry = this.add(-1);
        const exit = this.add(-1);
        for (const item of node.items) {
          const [a, b] = this.build(item);
          this.next[entry]?.push(a);
          this.next[b]?.push(exit);
        }
        return [entry, exit];
      }
      case "rep": {
        const entry = this.add(-1);
        let exit = entry;
        for (let k = 0; k < node.min; k++) {
          const [a, b] = this.build(node.item);
          this.next[exit]?.push(a);
          exit = b;
        }
        if (node.max === Infinity) {
          const [a, b] = this.build(node.item);
          const end2 = this.add(-1);
          this.next[exit]?.push(a, end2);
          this.next[b]?.push(a, end2);
          return [entry, end2];
        }
        const end = this.add(-1);
        for (let k = node.min; k < node.max; k++) {
          const [a, b] = this.build(node.item);
          this.next[exit]?.push(a, end);
          exit = b;
        }
        this.next[exit]?.push(end);
        return [entry, end];
      }
    }
  }
};
var TooLarge = class extends Error {
};
var READ_AT = 1 << 14;
var MAX_CLASSES = 1024;
function classesOf(sets) {
  const cuts = /* @__PURE__ */ new Set([0, MAX_UNIT + 1]);
  for (const set of sets) for (let i = 0; i < set.length; i += 2) cuts.add(set[i]).add(set[i + 1] + 1);
  const bounds = [...cuts].sort((a, b) => a - b);
  const index = new Map(bounds.map((b, i) => [b, i]));
  const holders = bounds.map(() => []);
  for (const [id, set] of sets.entries()) {
    for (let i = 0; i < set.length; i += 2) {
      const to = index.get(set[i + 1] + 1);
      for (let k = index.get(set[i]); k < to; k++) holders[k]?.push(id);
    }
  }
  const classOf = new Uint16Array(MAX_UNIT + 1);
  const byKey = /* @__PURE__ */ new Map();
  const classHolders = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const key = holders[k].join(",");
    let c = byKey.get(key);
    if (c === void 0) {
      c = classHolders.length;
      byKey.set(key, c);
      classHolders.push(holders[k]);
    }
    classOf.fill(c, bounds[k], bounds[k + 1]);
  }
  if (classHolders.length > MAX_CLASSES) throw new TooLarge(`${classHolders.length} character classes`);
  const members = sets.map(() => new Uint8Array(classHolders.length));
  for (const [c, ids] of classHolders.entries()) for (const id of ids) members[id][c] = 1;
  return { classOf, count: classHolders.length, members };
}
var MultiMatcher = class {
  /** `patterns[i]` is pattern i: `run` reports i where a match of it ends. */
  constructor(patterns, maxStates = MAX_STATES, budget = BUDGET) {
    this.maxStates = maxStates;
    this.budget = budget;
    this.acceptFlag = new Uint8Array(maxStates);
    const entry = this.nfa.add(-1);
    for (const [id, pattern] of patterns.entries()) {
      const [a, b] = this.nfa.build(pattern);
      this.nfa.next[entry]?.push(a);
      this.nfa.next[b]?.push(this.nfa.add(-1, id));
    }
    this.startStates = this.closure(entry);
    this.isStart = new Uint8Array(this.nfa.set.length);
    for (const st of this.startStates) this.isStart[st] = 1;
    const classes = classesOf(this.nfa.sets);
    this.classOf = classes.classOf;
    this.classCount = classes.count;
    this.members = classes.members;
    this.mark = new Uint32Array(this.nfa.set.length);
    this.table = new Int32Array(64 * this.classCount).fill(-1);
    this.startNext = Array.from({ length: this.classCount });
    this.stateOf([]);
  }
  maxStates;
  budget;
  nfa = new Nfa();
  /** The states every search is in (the start and what it reaches without reading). */
  startStates;
  isStart;
  startNext = [];
  classOf;
  classCount;
  /** members[set][class]: the set holds the class. */
  members;
  closures = /* @__PURE__ */ new Map();
  /** Lazily built deterministic states: their NFA states, accepted patterns and transitions. */
  nfaStates = [];
  accepts = [];
  acceptFlag;
  table;
  ids = /* @__PURE__ */ new Map();
  mark;
  generation = 0;
  /** How often the table was dropped because it was full (for tests and measurements). */
  resets = 0;
  /** States made so far, and units searched: a text that keeps making new states is hostile. */
  built = 0;
  searched = 0;
  /** Set once the budget is spent: every later `run` returns -1 at once. */
  gaveUp = false;
  /** The end offsets of the last `run`'s accepting positions, and the patterns that end at each. */
  ends = new Int32Array(256);
  endPatterns = [];
  /** Number of classes (row length) and of NFA states: sizes, for measurements. */
  get size() {
    return { classes: this.classCount, nfaStates: this.nfa.set.length, dfaStates: this.nfaStates.length };
  }
  /** The reading and accepting states reachable from `state` without reading. */
  closure(state) {
    const known = this.closures.get(state);
    if (known !== void 0) return known;
    const out = [];
    const seen = /* @__PURE__ */ new Set([state]);
    const stack = [state];
    while (stack.length > 0) {
      const s = stack.pop();
      if (this.nfa.set[s] >= 0 || this.nfa.accept[s] >= 0) out.push(s);
      if (this.nfa.set[s] >= 0) continue;
      for (const n of this.nfa.next[s]) {
        if (!seen.has(n)) {
          seen.add(n);
          stack.push(n);
        }
      }
    }
    out.sort((a, b) => a - b);
    this.closures.set(state, out);
    return out;
  }
  /** The deterministic state for a sorted list of NFA states, made if new. */
  stateOf(states) {
    const key = states.join(",");
    const known = this.ids.get(key);
    if (known !== void 0) return known;
    const id = this.nfaStates.length;
    this.built++;
    this.ids.set(key, id);
    this.nfaStates.push(states);
    const accepted = states.map((s) => this.nfa.accept[s]).filter((p) => p >= 0);
    this.accepts.push(accepted.length > 0 ? Int32Array.from(new Set(accepted)) : void 0);
    this.acceptFlag[id] = accepted.length > 0 ? 1 : 0;
    if ((id + 1) * this.classCount > this.table.length) {
      const grown = new Int32Array(Math.min(this.maxStates, 2 * (id + 1)) * this.classCount).fill(-1);
      grown.set(this.table);
      this.table = grown;
    }
    return id;
  }
  /** Where the start states go on a unit of class `c` (the same from every state): made once per class. */
  fromStart(c) {
    let next = this.startNext[c];
    if (next === void 0) {
      const out = /* @__PURE__ */ new Set();
      for (const s of this.startStates) {
        const set = this.nfa.set[s];
        if (set >= 0 && this.members[set][c] === 1) for (const t of this.closure(this.nfa.next[s][0])) out.add(t);
      }
      this.startNext[c] = next = [...out];
    }
    return next;
  }
  /**
   * The state after `from` reads a unit of class `c`. The search is unanchored, so the start
   * states are in every state: a state lists only the others, and the start's moves are made
   * once per class (`fromStart`), which keeps a step short however many patterns there are.
   */
  step(from, c) {
    if (++this.generation === 4294967295) {
      this.mark.fill(0);
      this.generation = 1;
    }
    const gen = this.generation;
    const next = [];
    const take = (states) => {
      for (const s of states) {
        if (this.mark[s] !== gen && (this.isStart[s] === 0 || this.nfa.set[s] < 0)) {
          this.mark[s] = gen;
          next.push(s);
        }
      }
    };
    take(this.fromStart(c));
    for (const s of this.nfaStates[from]) {
      const set = this.nfa.set[s];
      if (set >= 0 && this.members[set][c] === 1) take(this.closure(this.nfa.next[s][0]));
    }
    next.sort((a, b) => a - b);
    if (!this.ids.has(next.join(",")) && this.nfaStates.length >= this.maxStates) {
      this.resets++;
      this.nfaStates = [];
      this.accepts = [];
      this.ids.clear();
      this.table.fill(-1);
      this.stateOf([]);
      return this.stateOf(next);
    }
    const to = this.stateOf(next);
    this.table[from * this.classCount + c] = this.entry(to);
    return to;
  }
  /**
   * A state as the table holds it: its row's offset, or for a state that accepts, the offset
   * negated and less 2 (-1 is a transition not made yet). The search then needs one load and
   * one test per unit, and a multiplication only where something accepts.
   */
  entry(state) {
    const row = state * this.classCount;
    return this.acceptFlag[state] === 1 ? -row - 2 : row;
  }
  /**
   * Search `text`; returns how many positions accept: their end offsets are `ends[0..n)`, the
   * patterns with a match ending there `endPatterns[0..n)`. Returns -1 once the budget is spent
   * (`gaveUp`): the caller searches another way, and drops what `read` was given. With `read`,
   * the buffers hold at most READ_AT positions: each time they are full, `read(n)` takes them and
   * the count starts again (a 12 MB line of digits held 12 million, 150 MB).
   */
  run(text, read) {
    if (this.gaveUp) return -1;
    if (this.ends.length > 1 << 16) {
      this.ends = new Int32Array(256);
      this.endPatterns.length = 0;
    }
    const { classOf, classCount } = this;
    let table = this.table;
    let row = 0;
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const c = classOf[text.charCodeAt(i)];
      let next = table[row + c];
      if (next >= 0) {
        row = next;
        continue;
      }
      if (next === -1) {
        if (this.built > this.budget.states && this.built * this.budget.unitsPerState > this.searched + i) {
          this.gaveUp = true;
          return -1;
        }
        next = this.entry(this.step(row / classCount, c));
        table = this.table;
        if (next >= 0) {
          row = next;
          continue;
        }
      }
      row = -next - 2;
      if (n === this.ends.length) {
        if (read !== void 0 && n >= READ_AT) {
          read(n);
          n = 0;
        } else this.grow();
      }
      this.ends[n] = i + 1;
      this.endPatterns[n] = this.accepts[row / classCount];
      n++;
    }
    this.searched += text.length;
    return n;
  }
  grow() {
    const ends = new Int32Array(this.ends.length * 2);
    ends.set(this.ends);
    this.ends = ends;
  }
};

// src/engine/automaton/words.ts
var isLetter = (u) => (u | 32) >= 97 && (u | 32) <= 122;
var isLower = (u) => u >= 97 && u <= 122;
var isUpper = (u) => u >= 65 && u <= 90;
function wordPattern(word) {
  const items = [];
  for (let k = 0; k < word.length; k++) {
    const unit = word.charCodeAt(k);
    const set = { kind: "set", set: regexFolding.of(unit) };
    items.push(unit === 32 ? { kind: "rep", item: set, min: 0, max: 1 } : set);
  }
  return { kind: "seq", items };
}
function wordShape(word) {
  return { length: word.length, spaces: word.split(" ").length - 1, checkStart: word.codePointAt(0) <= 65535 };
}
function wordAt(text, end, shape) {
  const after = text.charCodeAt(end);
  const endOk = end === text.length || !isLetter(after) || isLower(text.charCodeAt(end - 1)) && isUpper(after);
  if (!endOk) return false;
  if (!shape.checkStart) return true;
  for (let skipped = 0; skipped <= shape.spaces; skipped++) {
    const start = end - shape.length + skipped;
    if (start <= 0) return true;
    const before = text.charCodeAt(start - 1);
    if (!isLetter(before) || isLower(before) && isUpper(text.charCodeAt(start))) return true;
  }
  return false;
}
function joinsKeyAndValue(words) {
  return words.some((w) => w.includes(":") || /^\s/.test(w));
}
var WordFinder = class {
  matcher;
  shapes;
  constructor(words) {
    this.matcher = new MultiMatcher(words.map(wordPattern));
    this.shapes = words.map(wordShape);
  }
  /**
   * Some word of the list may stand in `text` (never false where the word regex finds one; true
   * when the automaton gave up, see `Budget`).
   */
  occursIn(text) {
    let found = false;
    const read = (n2) => {
      const { ends, endPatterns } = this.matcher;
      for (let k = 0; k < n2 && !found; k++) {
        for (const id of endPatterns[k]) if (wordAt(text, ends[k], this.shapes[id])) found = true;
      }
    };
    const n = this.matcher.run(text, read);
    if (n < 0) return true;
    read(n);
    return found;
  }
};

// src/engine/keyword.ts
var Keyword = class {
  constructor(text) {
    this.text = text;
    const lead = /^[ \t]*/.exec(text)?.[0] ?? "";
    this.lead = lead.length === text.length ? "" : lead;
    this.core = text.slice(this.lead.length);
  }
  text;
  /** The keyword from its first character that is not a space or a tab. */
  core;
  /** The spaces and tabs before the core. */
  lead;
  /** The first occurrence of the keyword at or after `from` in `text`, or -1. */
  indexIn(text, from = 0) {
    const n = this.lead.length;
    if (n === 0) return text.indexOf(this.core, from);
    for (let i = text.indexOf(this.core, from + n); i !== -1; i = text.indexOf(this.core, i + 1)) {
      if (text.startsWith(this.lead, i - n)) return i - n;
    }
    return -1;
  }
};

// node_modules/re2js/build/index.js
var RE2Flags = class RE2Flags2 {
  static FOLD_CASE = 1;
  static LITERAL = 2;
  static CLASS_NL = 4;
  static DOT_NL = 8;
  static ONE_LINE = 16;
  static NON_GREEDY = 32;
  static PERL_X = 64;
  static UNICODE_GROUPS = 128;
  static WAS_DOLLAR = 256;
  static LOOKBEHIND = 512;
  static MATCH_NL = RE2Flags2.CLASS_NL | RE2Flags2.DOT_NL;
  static PERL = RE2Flags2.CLASS_NL | RE2Flags2.ONE_LINE | RE2Flags2.PERL_X | RE2Flags2.UNICODE_GROUPS;
  static POSIX = 0;
  static UNANCHORED = 0;
  static ANCHOR_START = 1;
  static ANCHOR_BOTH = 2;
};
var PublicFlags = {
  CASE_INSENSITIVE: 1,
  DOTALL: 2,
  MULTILINE: 4,
  DISABLE_UNICODE_GROUPS: 8,
  LONGEST_MATCH: 16,
  LOOKBEHINDS: 512
};
var ASCII_SIZE = 128;
var ASCII_TO_UPPER = new Int32Array(ASCII_SIZE);
var ASCII_TO_LOWER = new Int32Array(ASCII_SIZE);
var MAX_BMP = 65535;
for (let i = 0; i < ASCII_SIZE; i++) {
  if (i >= 97 && i <= 122) ASCII_TO_UPPER[i] = i - 32;
  else ASCII_TO_UPPER[i] = i;
  if (i >= 65 && i <= 90) ASCII_TO_LOWER[i] = i + 32;
  else ASCII_TO_LOWER[i] = i;
}
var Codepoint = class {
  static CODES = Object.freeze({
    "\x07": 7,
    "\b": 8,
    "	": 9,
    "\n": 10,
    "\v": 11,
    "\f": 12,
    "\r": 13,
    " ": 32,
    '"': 34,
    $: 36,
    "&": 38,
    "'": 39,
    "(": 40,
    ")": 41,
    "*": 42,
    "+": 43,
    "-": 45,
    ".": 46,
    0: 48,
    1: 49,
    2: 50,
    3: 51,
    4: 52,
    5: 53,
    6: 54,
    7: 55,
    8: 56,
    9: 57,
    ":": 58,
    "<": 60,
    ">": 62,
    "?": 63,
    A: 65,
    B: 66,
    C: 67,
    F: 70,
    P: 80,
    Q: 81,
    U: 85,
    Z: 90,
    "[": 91,
    "\\": 92,
    "]": 93,
    "^": 94,
    _: 95,
    "`": 96,
    a: 97,
    b: 98,
    f: 102,
    i: 105,
    m: 109,
    n: 110,
    r: 114,
    s: 115,
    t: 116,
    v: 118,
    x: 120,
    z: 122,
    "{": 123,
    "|": 124,
    "}": 125
  });
  static toUpperCase(codepoint) {
    if (codepoint < ASCII_SIZE) return ASCII_TO_UPPER[codepoint];
    const s = String.fromCodePoint(codepoint).toUpperCase();
    const expectedLen = s.codePointAt(0) > MAX_BMP ? 2 : 1;
    if (s.length > expectedLen) return codepoint;
    const sOrigin = String.fromCodePoint(s.codePointAt(0)).toLowerCase();
    const originExpectedLen = sOrigin.codePointAt(0) > MAX_BMP ? 2 : 1;
    if (sOrigin.length > originExpectedLen || sOrigin.codePointAt(0) !== codepoint) return codepoint;
    return s.codePointAt(0);
  }
  static toLowerCase(codepoint) {
    if (codepoint < ASCII_SIZE) return ASCII_TO_LOWER[codepoint];
    const s = String.fromCodePoint(codepoint).toLowerCase();
    const expectedLen = s.codePointAt(0) > MAX_BMP ? 2 : 1;
    if (s.length > expectedLen) return codepoint;
    const sOrigin = String.fromCodePoint(s.codePointAt(0)).toUpperCase();
    const originExpectedLen = sOrigin.codePointAt(0) > MAX_BMP ? 2 : 1;
    if (sOrigin.length > originExpectedLen || sOrigin.codePointAt(0) !== codepoint) return codepoint;
    return s.codePointAt(0);
  }
};
var UnicodeRangeTable = class {
  /**
  * @param {Uint32Array | number[]} data
  * @param {boolean} isStride1
  */
  constructor(data, isStride1 = false) {
    this.data = data;
    this.isStride1 = isStride1;
    this.SIZE = isStride1 ? 2 : 3;
  }
  getLo(index) {
    return this.data[index * this.SIZE];
  }
  getHi(index) {
    return this.data[index * this.SIZE + 1];
  }
  getStride(index) {
    return this.isStride1 ? 1 : this.data[index * this.SIZE + 2];
  }
  get length() {
    return this.data.length / this.SIZE;
  }
};
var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-";
var B64_MAP = /* @__PURE__ */ new Uint8Array(256);
for (let i = 0; i < 64; i++) B64_MAP[B64.charCodeAt(i)] = i;
var decodeVLQ = (str) => {
  const res = [];
  let value = 0;
  let shift = 0;
  for (let i = 0; i < str.length; i++) {
    const digit = B64_MAP[str.charCodeAt(i)];
    value |= (digit & 31) << shift;
    if ((digit & 32) === 0) {
      res.push(value);
      value = 0;
      shift = 0;
    } else shift += 5;
  }
  return res;
};
var decodeRanges = (str, isStride1) => {
  const res = decodeVLQ(str);
  const numRanges = isStride1 ? res.length / 2 : res.length / 3;
  const out = new Uint32Array(numRanges * 3);
  let current = 0;
  let resIdx = 0;
  for (let i = 0; i < numRanges; i++) {
    current += res[resIdx++];
    out[i * 3] = current;
    current += res[resIdx++];
    out[i * 3 + 1] = current;
    out[i * 3 + 2] = isStride1 ? 1 : res[resIdx++];
  }
  return out;
};
var decodeOrbit = (str) => {
  const res = decodeVLQ(str);
  const map = /* @__PURE__ */ new Map();
  let currentKey = 0;
  for (let i = 0; i < res.length; i += 2) {
    currentKey += res[i];
    const zz = res[i + 1];
    const delta = zz >>> 1 ^ -(zz & 1);
    map.set(currentKey, currentKey + delta);
  }
  return map;
};
var LazyMap = class {
  constructor(initializer) {
    this.initializer = initializer;
    this.cache = /* @__PURE__ */ new Map();
  }
  has(key) {
    return Object.hasOwn(this.initializer, key);
  }
  get(key) {
    if (this.cache.has(key)) return this.cache.get(key);
    const val = this.has(key) ? this.initializer[key]() : null;
    this.cache.set(key, val);
    return val;
  }
};
var UnicodeTables = class {
  static _CASE_ORBIT = null;
  static get CASE_ORBIT() {
    if (!this._CASE_ORBIT) this._CASE_ORBIT = decodeOrbit("rCgCIgCY+rQI4QiCuuBLgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCCgCBgCBgCBgCBgCBgCBgCB+7OB-BB-BB-BB-BB-BBskQB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BC-BB-BB-BB-BB-BB-BB-BByHBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBDCBBBCBBBCBBCCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBCCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBxHBCBBBCBBBCBBB3SBmMBkNBCBBBCBBB8MBCBBB6MB6MBCBBC+EB0MB2MBCBBB6MB+MBiGBmNBiNBCBBBmKBikzCBmNBqNBkIBsNBCBBBCBBBCBBB0NBCBBB0NDCBBB0NBCBBByNByNBCBBBCBBB2NBCBBDCBBCwDFCBCBDBCBCBDBCBCBDBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBB9EBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBCCBCBDBCBBBhGBvDBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBjICCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBH2iVBCBBBlKBwiVB+jVB+jVBCBBBlMBqEBuEBCBBBCBBBCBBBCBBBCBBB+hVB4hVB8hVBjNB7MC5MB5MCzMC1MB+0yCE5MB20yCC9MBu2yCBwyyCBo0yCChNBlNBo0yCBu-UBi0yCDlNC6-UBpNDrNIu+UDzNCm0yCBzNE0yyCBzNBpEBxNBxNBtEG1NLqxyCBkxyCnFoFrBCBBBCBBDCBBEkIBkIBkICoHHsCCqCBqCBqCCgEC+DB+DBmkOBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCC+BBgCBgCBgCBgCBgCBgCBgCBgCBrCBpCBpCBpCBmjOB-BB8BB-BB-BBgEB-BB-BByBBqgOBsDB-BBtwBB-BB-BB-BBsBBgDBCB-BB-BB-BBeB-BB-BB61OB-BB-BB-DB9DB9DBQB7DBmCE9CBrDBPBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBrFB-EBOBnHB3FB-FCCBBBNBCBBCjIBjIBjIBgFBgFBgFBgFBgFBgFBgFBgFBgFBgFBgFBgFBgFBgFBgFBgFBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCB-BB-BB8kMB-BB6kMB-BB-BB-BB-BB-BB-BB-BB-BB-BBokMB-BB-BBkkMBkkMB-BB-BB-BB-BB-BB-BB-BB4jMB-BB-BB-BB-BB-BB-EB-EB-EB-EB-EB-EB-EB-EB-EB-EB-EB-EB-EB-EB-EB-EBCBBBCBoiMBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBJCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBeBCBBBCBBBCBBBCBBBCBBBCBBBCBBBdBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBCgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDL-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-C64CgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOCgmOGgmODg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FDg8FBg8FBg8FhVg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBQBQBQBQBQBQDPBPBPBPBPBPjkC7mMB5mMBnmMBjmMBCBlmMB3lMBpiMBk8kCBCBBG-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FD-7FB-7FB-7F6FoglCEsuHRwjlCyDCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCB0DBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBG1DD97OCCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBQBQBQBQBQBQBQBQBPBPBPBPBPBPBPBPBQBQBQBQBQBQDPBPBPBPBPBPDQBQBQBQBQBQBQBQBPBPBPBPBPBPBPBPBQBQBQBQBQBQBQBQBPBPBPBPBPBPBPBPBQBQBQBQBQBQDPBPBPBPBPBPEQCQCQCQCPCPCPCPBQBQBQBQBQBQBQBQBPBPBPBPBPBPBPBPB0EB0EBsFBsFBsFBsFBoGBoGBgIBgIBgHBgHB8HB8HDQBQBQBQBQBQBQBQBPBPBPBPBPBPBPBPBQBQBQBQBQBQBQBQBPBPBPBPBPBPBPBPBQBQBQBQBQBQBQBQBPBPBPBPBPBPBPBPBQBQCSFPBPBzEBzEBRCxnOFSFrFBrFBrFBrFBREQBQClkOFPBPBnGBnGFQBQCljOCODPBPB-GB-GBNHSF-HB-HB7HB7HBRqJ53OE9tQBrmQH4Bc3BSgBBgBBgBBgBBgBBgBBgBBgBBgBBgBBgBBgBBgBBgBBgBBgBBfBfBfBfBfBfBfBfBfBfBfBfBfBfBfBfECBByZ0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzB34BgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CBCBBBt-UBruHBt+UB1iVBviVBCBBBCBBBCBBB3hVB5-UB9hVB7hVCCBBCCBBI9jVB9jVBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBICBBBCBBECBBN-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOC-lOG-lOzoeCBBBCBBBCBBBCBBBCBBBCBl8kCBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBTCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBnECBBBCBBBCBBBCBBBCBBBCBBBCBBDCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBKCBBBCBBBnglCBCBBBCBBBCBBBCBBBCBBECBBBvyyCDCBBBCBBBgDCCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBn0yCB90yCB10yCBh0yCBn0yCCjxyCBzyyCBpxyCBg6BBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBB-CBl0yCBvjlCBCBBBCBBBt2yCBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBhkzCZCBB9a-5Bd-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCm6TCBB7gBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCH-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BmlBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvChDwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCFvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvC1DuCBuCBuCBuCBuCBuCBuCBuCBuCBuCBuCCuCBuCBuCBuCBuCBuCBuCBuCBuCBuCBuCBuCBuCBuCBuCCuCBuCBuCBuCBuCBuCBuCCuCBuCCtCBtCBtCBtCBtCBtCBtCBtCBtCBtCBtCCtCBtCBtCBtCBtCBtCBtCBtCBtCBtCBtCBtCBtCBtCBtCCtCBtCBtCBtCBtCBtCBtCCtCBtCk2BgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEO-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-D+CgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCL-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-B74CgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BhrVgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BhB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BD1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BtxekCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjC");
    return this._CASE_ORBIT;
  }
  static _Print = null;
  static get Print() {
    if (!this._Print) this._Print = new UnicodeRangeTable(decodeRanges("hB9CBjBLBCpWBDFBFGBCCCBSBCsMBClBBDxBBDCBC2BBJaBFFBSVBC-FBCvBBD6BBDkDBP6BBDwBBDOBCbBDCCBJBGfBIqCBCgFBCHBDBBDVBCGBCEEBCBDIBDBBDDBJFFBCCBDBDYBDCBCFBFBBDVBCGBCBBCBBCBBDCCBDBFBBDCBEIIBCBCIIBPBLCBCIBCCBCVBCGBCBBCEBDJBCCBCCBDQQBCBDLBIGBCCBCHBDBBDVBCGBCBBCEBDIBDBBDCBICBFBBCEBDRBLBBCFBECBCDBEBBCCCBEEBEEBBBELBFEBECBCDBDHHPUBGMBCCBCWBCPBDIBCCBCDBIBBCCBCBBDDBDJBIVBCCBCWBCJBCEBDIBCCBCDBIBBGCBCDBDJBCCBNMBCCBCyBBCCBCFBFPBDZBCCBCRBEXBCIBCDDBFBEFFBEBCCCBGBHJBDCBN5BBFcBmBBBCCCBDBCXBCCCBVBDEBCCCBFBCJBDDBhBnCBCjBBFmBBCjBBCOBCMBmBlGBCGGD4LBCDBDGBCCCBCBDoBBCDBDgBBCDBDGBCCCBCBDOBC4BBCDBDiCBDfBEZBH1CBDFBD-TBCbBE4CBIVBKXBKTBNMBCCBCBBN9CBDJBHJBHNBCKBH4CBIqBBGlCBLeBCLBFLBFEEBoBBDEBMrBBFZBHKBE9BBDgCBCcBDKBHJBHNBDtBBDLBVsCBClFBJ7BBEOBE9BBGqBBDKBJqBBG1QBDFBDlBBDFBDHBCGCBdBD0BBCOBCNBDFBCSBDCBCIBSXBJuBBSBBDaBCMBEhBBPgBBQrEBF5UBXKBWz4BBD9LBGsBBCGGD3BBIBBPXBKGBCGBCGBCGBCGBCGBCGBCGBC9DBjBZBC4CBN1GBbPBC+BBC1CBDmDBGqBBC9CBC1CBKvBBCszcBE2BBK7KBV3FBJ8GBV7BBEJBH3BBJlCBJLBHzDBMdBEtCBCKBFgBBC2BBKNBDJBDmDBZbBLFBDFBDFBKGBCGBC7BBF9DBDJBHj9KBNWBFwBBloItLBDpDBnBGBNEBGZBCEBCCCBCCBCCBoUBhBpBBHyBBCSBCDBFEBCmEBF9FBEFBDFBDFBDCBEGBCGBOBBDLBCZBCSBCBBCOBDNBjB6DBGCBFsBBE3CBCMBEwBwBBsBBjEcBEwBBQbBFjBBKdBGqBBGdBCkBBFNBrB9EBDJBHjBBFjBBFnBBJzBBMLBCOBCGBCBBCKBCOBCGBCBBEzBBN2JBKVBLHBZFBCpBBCIBmCFBDCCBqBBCBBEDDBVBCnCBJIBxBSBCBBGgBBEaBGaBnB3BBFTBDxBBCBBGHBCCBCcBDCBFJBIIBI-BBhBmBBFLBK1BBEcBDaBGZBIDBNGBxCoCB4ByBBOyBBItBBJJBHlBBEcBJBBxGeBCpBBCCBDBBRFBJIBiBtBBJpBBXZBnBbBVWBKtCBFjBBK9BBCEBOYBIJBH0BBCRBJmBBK-CBCTBMRBCuBB-BGBCCCBCBCOBCKBH6BBGJBHDBCHBDBBDVBCGBCBBCEBCJBDBBDCBDHHGGBDGBEEBMJBCDDClBBCJBCDDCDBCJBCBBJBBe7CBCEBfnCBJJBnF1BBDlBBjBkCBMJBHMBU5BBHJBHTBdaBDOBFWB6F7BBlDyCBNHBDDDBGBCBBCdBCBBDLBKJBnCHBDtBBDKBcnCBJyCBOoCBIJB3CHB5ChBBPJBHIBCsBBCNBLcBEfBDVBCNBqCGBCBBCrBBECCBCCBHBJJBHFBCBBCkBBCBBCFBIJBHrBBFJB3HYBIQBCoBBEcB2CQQBwBBO6cBnDuDBCEBMjGBtyCiDBOvhBBRVBL68DBGmSB61G5BBn2B4RBIeBCJBFwCBCJBHdBDFBLlCBLJBCGBCUBGSBxN5BBnG6CBGYBDYBtBqCBF4BBIQBhCEBMGBK1mHBqBfBiDyDB+vIDBCGBCBBCiJBQeeBBBDPPBCBJrMBloCqDBGMBEIBIJBDDBh7D8HBEzNBHWBQQBQtBBDWBKzDB9B1HBLmBBDpCBJvDBWlCB7DTBNTBN2CBKYBoE0CBCmCBCBBDDDBDDBCBCLBCCCBFBCgCBCDBDHBCGBCbBCDBCEBCEEBFBCzKBDjJBD9VBQEBCOBxiBeBHFB2GGBCQBDGBCBBCEBG9BBiBxDxDBrBBENBDJBFBBhKeBS5BBGxOxOBoBB3GqBBFhGhGBdBCVBJBBhHGBCDBCBBCOBCkGBDPBqBrCBFJBFBByYjCBtC8BBjGDBCaBCBBCDDCJBCDBCCCHFFCECBBBCBBCDDCICBCCDDBCGBCDBCDBCCCBIBCQBGCBCEBCQB1BBBvIrBBFjDBNOBDOBCOBCkBBLtFB5BcBOrBBFIBIBBPFB7E4eBEQBEMBE5GBHLBFQQBKBF3BBJJBHnBBJdBDLBFBBPIBoB3KBJNBDMBEKBE4BBCFFBOBDLBFJBIyEBCmDBmgB-2pBBhB9oEBDt0FBDwpHBQtTBjtC9QBjvBq6EBGppIBnkzVvHB", false));
    return this._Print;
  }
  static CATEGORIES = new LazyMap({
    C: () => new UnicodeRangeTable(decodeRanges("AfBgDgBBOrWrWBHHBCBICCVuMuMnBBBzBBBE4B4BBGBcDBHQBXhGhGxBBB8BBBmDNB8BBByBBBQddBCCMEBhBGBsCiFiFJBBDBBXIICCBFBBKBBDBBFHBCDBDGGBaaBEEHDBDBBXIIDGDBCCGDBDBBECBCGBFCCBFBSJBEKKEXXIDDGBBLIEBCCBNBFBBNGBIEEJBBDBBXIIDGGBKKBDDBEEBFBEDBDGGBTTBIBDHHBBBEFFBBBDCCDCBDCBECBNDBGCBEFFBCCBEBCNBWEBOEEYRRBKKEFFBFBDEEDBBFBBLGBXEEYLLGBBKEEFGBDEBEFFBLLELBOEE0BEEHDBRBBbEETCBZKKCBBICBCDBHCCJFBLBBELB7BDBekBBDCCGZZCYYBGGCIILBBFfBpClBlBBCBoBlBlBQOOBjBBnGCCBDBCBB6LFFBIICFFBqBqBFBBiBFFBIICFFBQQ6BFFBkCkCBhBhBBBBbFB3CBBHBB+UCB6CGBXIBZIBVLBOEEDLB-CBBLFBLFBPMMBEB6CGBsBEBnCJBgBNNBCBNDBCCBrBBBGKBtBDBbFBMCB-BBBiCeeBMMBEBLFBPBBvBBBNTBuCnFnFBGB9BCBQCB-BEBsBBBMHBsBEB3QBBHBBnBBBHBBJGCgBBB2BQQPBBHUUBEEKMMBDBbEByBPBDBBcOOBBBjBNBiBOBtEDB7UVBMUB14BBB-LEBuBCCBDBCBB5BGBDNBZIBI4BI-DhBBb6C6CBKB3GZBxC3C3CBoDoDBDBsB-C-C3CIBxBuzcuzcBBB4BIB9KTB5FHB+GTB9BCBLFB5BHBnCHBNFB1DKBfCBvCMMBCBiB4B4BBHBPBBLBBoDXBdJBHBBHBBHIBIII9BDB-DBBLFBl9KLBYDByBjoIBvLBBrDlBBILBGEBbGGCGDrUfBrBFB0BUUFDBGoEoEBCB-FCBHBBHBBHBBECBIIIBLBDBBNbbUDDQBBPhBB8DEBEDBuBCB5COOBBBCuBBvBhEBeCByBOBdDBlBIBfEBsBEBfmBmBBCBPpBB-EBBLFBlBDBlBDBpBHB1BKBNQQIDDMQQIDDBBB1BLB4JIBXJBJXBHrBrBKkCBHBBCtBtBDCBCBBYpCpCBGBKvBBUDDBDBiBCBcEBclBB5BDBVBBzBDDBDBJEEeBBEDBLGBKGBhCfBoBDBNIB3BCBeBBcEBbGBFLBIvCBqC2BB0BMB0BGBvBHBLFBnBCBeHBDvGBgBrBrBEBBDPBHHBKgBBvBHBrBVBblBBdTBYIBvCDBlBIB-BGGBLBaGBLFB2BTTBGBoBIBhDVVBJBTwBwBB8BBICCFQQMFB8BEBLFBFJJBDDBXXIDDGLLBDDBEEBCCBEBCEBIBBICBGKBLCCBCCnBLLCBBCFFLDDBGBDcB9CGGBcBpCHBLlFB3BBBnBhBBmCKBLFBOSB7BFBLFBVbBcBBQDBY4FB9BjDB0CLBJBBCBBJDDfDDBNNBHBLlCBJBBvBBBMaBpCHB0CMBqCGBL1CBJ3CBjBNBLFBKuBuBPJBeCBhBBBXPPBnCBIDDtBCBCDDKHBLFBHDDmBDDHGBLFBtBDBL1HBaGBSqBqBBBBe0CBCOBzBMB8clDBwDGGBJBlGryCBkDMBxhBPBXJB88DEBoS41GB7Bl2BB6RGBgBLLBCByCLLBEBfBBHJBnCJBLIIWEBUvNB7BlGB8CEBaBBarBBsCDB6BGBS-BBGKBIIB3mHoBBhBgDB0D8vIBFIIDkJkJBNBCcBEBBCNBFHBtMjoCBsDEBOCBKGBLBBF-6DB+HCB1NFBYOBSOBvBBBYIB1D7BB3HJBoBBBrCHBxDUBnC5DBVLBVLB4CIBamEB2CoCoCDBBCBBDBBFNNCIIiCFFBJJIddFGGCCBI1K1KBlJlJB-V-VBNBGQQBuiBBgBFBH0GBISSBIIDGGBDB-BgBBCvDBuBCBPBBLDBD-JBgBQB7BEBCvOBrB1GBsBDBC-FBgBXXBGBD-GBIFFDQQmGBBRoBBtCDBLDBDwYBlCrCB+BhGBFccDCCBCCLFFCCCBEBCDBCECEDDCBBCICDCCBFFIKFCLLSEBEGGSzBBDtIBtBDBlDLBQBBQQQmBJBvF3BBeMBtBDBKGBDNBH5EB6eCBSCBOCB7GFBNDBCOBNDB5BHBLFBpBHBfBBNDBDNBKmBB5KHBPBBOCBMCB6BCCBCBRBBNDBLGB0EoDoDBjgBBh3pBfB-oEBBv0FBBypHOBvThtCB-QhvBBs6EEBrpIlkzVBxHvw-FB", false)),
    Cc: () => new UnicodeRangeTable(decodeRanges("AfgDgB", true)),
    Cf: () => new UnicodeRangeTable(decodeRanges("tFzqBzqBBEBXhGhGyBhMhMBxCxCs5D9-B9-BBDBbEByBEBCJBw03B6H6HBBBimEQQj7IPBhjiBDBwmFHBn0rYffB+CB", false)),
    Cn: () => new UnicodeRangeTable(decodeRanges("4bBBHDBICCVuMuMnBBBzBBBE4B4BBGBcDBHKBvI9B9BBmDmDBMB8BBByBBBQddBCCMEBjBEBuHJJBDDBXXICCBBBFBBKBBDBBFHBCDBDGGBaaBEEHDBDBBXIIDGDBCCGDBDBBECBCGBFCCBFBSJBEKKEXXIDDGBBLIEBCCBNBFBBNGBIEEJBBDBBXIIDGGBKKBDDBEEBFBEDBDGGBTTBIBDHHBBBEFFBBBDCCDCBDCBECBNDBGCBEFFBCCBEBCNBWEBOEEYRRBKKEFFBFBDEEDBBFBBLGBXEEYLLGBBKEEFGBDEBEFFBLLELBOEE0BEEHDBRBBbEETCBZKKCBBICBCDBHCCJFBLBBELB7BDBekBBDCCGZZCYYBGGCIILBBFfBpClBlBBCBoBlBlBQOOBjBBnGCCBDBCBB6LFFBIICFFBqBqBFBBiBFFBIICFFBQQ6BFFBkCkCBhBhBBBBbFB3CBBHBB+UCB6CGBXIBZIBVLBOEEDLB-CBBLFBLFBbFB6CGBsBEBnCJBgBNNBCBNDBCCBrBBBGKBtBDBbFBMCB-BBBiCeeBMMBEBLFBPBBvBBBNTBuCnFnFBGB9BCBQCB-BEBsBBBMHBsBEB3QBBHBBnBBBHBBJGCgBBB2BQQPBBHUUBEEKmDmDNBBcOOBBBjBNBiBOBtEDB7UVBMUB14BBB-LEBuBCCBDBCBB5BGBDNBZIBI4BI-DhBBb6C6CBKB3GZBxC3C3CBoDoDBDBsB-C-C3CIBxBuzcuzcBBB4BIB9KTB5FHB+GTB9BCBLFB5BHBnCHBNFB1DKBfCBvCMMBCBiB4B4BBHBPBBLBBoDXBdJBHBBHBBHIBIII9BDB-DBBLFBl9KLBYDByBDBvzIBBrDlBBILBGEBbGGCGDrUfBrBFB0BUUFDBGoEoEBCC-FCBHBBHBBHBBECBIIIBIBGBBNbbUDDQBBPhBB8DEBEDBuBCB5COOBBBCuBBvBhEBeCByBOBdDBlBIBfEBsBEBfmBmBBCBPpBB-EBBLFBlBDBlBDBpBHB1BKBNQQIDDMQQIDDBBB1BLB4JIBXJBJXBHrBrBKkCBHBBCtBtBDCBCBBYpCpCBGBKvBBUDDBDBiBCBcEBclBB5BDBVBBzBDDBDBJEEeBBEDBLGBKGBhCfBoBDBNIB3BCBeBBcEBbGBFLBIvCBqC2BB0BMB0BGBvBHBLFBnBCBeHBDvGBgBrBrBEBBDPBHHBKgBBvBHBrBVBblBBdTBYIBvCDBlBIBlCJBCBBaGBLFB2BTTBGBoBIBhDVVBJBTwBwBB8BBICCFQQMFB8BEBLFBFJJBDDBXXIDDGLLBDDBEEBCCBEBCEBIBBICBGKBLCCBCCnBLLCBBCFFLDDBGBDcB9CGGBcBpCHBLlFB3BBBnBhBBmCKBLFBOSB7BFBLFBVbBcBBQDBY4FB9BjDB0CLBJBBCBBJDDfDDBNNBHBLlCBJBBvBBBMaBpCHB0CMBqCGBL1CBJ3CBjBNBLFBKuBuBPJBeCBhBBBXPPBnCBIDDtBCBCDDKHBLFBHDDmBDDHGBLFBtBDBL1HBaGBSqBqBBBBe0CBCOBzBMB8clDBwDGGBJBlGryCBkDMB3iBJB88DEBoS41GB7Bl2BB6RGBgBLLBCByCLLBEBfBBHJBnCJBLIIWEBUvNB7BlGB8CEBaBBarBBsCDB6BGBS-BBGKBIIB3mHoBBhBgDB0D8vIBFIIDkJkJBNBCcBEBBCNBFHBtMjoCBsDEBOCBKGBLBBJ76DB+HCB1NFBYOBSOBvBBBYIB1D7BB3HJBoBBBjGUBnC5DBVLBVLB4CIBamEB2CoCoCDBBCBBDBBFNNCIIiCFFBJJIddFGGCCBI1K1KBlJlJB-V-VBNBGQQBuiBBgBFBH0GBISSBIIDGGBDB-BgBBCvDBuBCBPBBLDBD-JBgBQB7BEBCvOBrB1GBsBDBC-FBgBXXBGBD-GBIFFDQQmGBBRoBBtCDBLDBDwYBlCrCB+BhGBFccDCCBCCLFFCCCBEBCDBCECEDDCBBCICDCCBFFIKFCLLSEBEGGSzBBDtIBtBDBlDLBQBBQQQmBJBvF3BBeMBtBDBKGBDNBH5EB6eCBSCBOCB7GFBNDBCOBNDB5BHBLFBpBHBfBBNDBDNBKmBB5KHBPBBOCBMCB6BCCBCBRBBNDBLGB0EoDoDBjgBBh3pBfB-oEBBv0FBBypHOBvThtCB-QhvBBs6EEBrpIm8yVBCdBhD-DBxHvw-BB---BBB---BBB", false)),
    Co: () => new UnicodeRangeTable(decodeRanges("gg4B-nGh4hc9--BD9--B", true)),
    Cs: () => new UnicodeRangeTable(decodeRanges("gg2B--B", true)),
    L: () => new UnicodeRangeTable(decodeRanges("hCZBHZBwBLLFGGBVBCeBCpOBFLBPEBICCiEEBCBBDDBCHHCCBCCCBSBCyCBCqEBJlFBClBBDHHBnBBoCaBFDBuBqBBkBBBCiDBCQQBIIBLLBBBDRRCdBe4CBMZZBfBKBBFGGBUBFKKEYYBXBIKBGXBCGBRpBB7B1BBETTIJBQPBFHBDBBDVBCGBCEEBCBERROBBCCBPBBLJJBEBFBBDVBCGBCBBCBBCBBgBDBCUUBBBRIBCCBCVBCGBCBBCEBETTQBBYMMBGBDBBDVBCGBCBBCEBEffBCCBBBQSSCFBECBCDBEBBCCCBEEBEEBBBELBX1B1BBGBCCBCWBCPBEbbBBBCBBDBBfFFBGBCCBCWBCJBCEBEffBBBCBBQBBSIBCCBCoBBDRRGCBJCBZFBGRBEXBCIBCDDBFB7BvBBCBBNGB7BBBCCCBDBCXBCCCBIBCBBKDDBDBCWWBCBhBgCgCBGBCjBBcEB0DqBBVRRBEBFDBEEEBIIBBBFMBNSSBkBBCGGDqBBCsKBCDBDGBCCCBCBDoBBCDBDgBBCDBDGBCCCBCBDOBC4BBCDBDiCBmBPBR1CBDFBErTBDQBCZBGqCBHHBIRBOSBPRBPMBCCBQzBBkBFFkC4CBIEBDhBBCGGBkCBLeByBdBDEBMrBBFZB3BWBK0BBzC+C+CBtBBSHB3BdBOBBLrBBbjBBqBCBLjBBDKBGqBBDCBqBDBCFBCBBEGGB+FBhC1IBDFBDlBBDFBDHBCGCBdBD0BBCGBCEEBBBCGBEDBDFBFMBGCBCGB1DOORMBmDFFDJBCEEBDBHGCBCBCKBDDBGEBF1B1BB8zC8zCBjHBHDBEBBNlBBCGGD3BBIRRBVBKGBCGBCGBCGBCGBCGBCGBCGBxC2O2OBrBrBBDBGBBF1CBHCBC5CBCDBGqBBC9CBSfBxBPBhQ-tGBhCs0VBkCtBBDsIBEPBLBBVuBBReBDlCByBIBDmDBDxCBVQBCCBCDBCWBezBBPxBB-BFBECCBMMBaBLWBacBIuBBdRRBDBCJBLEBCoBBYCBCHBVWBEEEBwBBCEEBDDBDBDCCZCBDKBICBNFBDFBDFBKGBCGBCqBBCNBHyDBej9KBNWBFwBBloItLBDpDBnBGBNEBGCCBIBCMBCEBCCCBCCBCCBqDBiBqLBT-BBD1BBpBLB1DEBCmEBlBZBHZBM4CBEFBDFBDFBDCBkBLBCZBCSBCBBCOBDNBjB6DBmMcBEwBBwBfBOTBCHBHlBBLdBDjBBFHBxB9EBTjBBFjBBFnBBJzBBNKBCOBCGBCBBCKBCOBCGBCBBEzBBN2JBKVBLHBZFBCpBBCIBmCFBDCCBqBBCBBEDDBVBLWBKeBiCSBCBBLVBLZBHZBnB3BBHBBhCQQBCBCCBCcBrBcBEcBkBHBCbBc1BBLVBLSBORBvDoCB4ByBBOyBBOjBBnBbBKWB7HpBBHBBRFB5BcBLJJBUBrBRBvBUBcWBN0BB6BBBDOOBrBBhBYBbjBBeDDJiBBENNBuBBPDBWCCkBRBCYBUBBgCGBCCCBCBCOBCJBIuBBnBHBDBBDVBCGBCBBCEBETTNEBfJBCDDClBBCaaCtBtBBzBBTDBVCBfvBBVBBC5F5FBtBBqBDBlBvBBV8B8BBpBBOoCoCBZBmBGB6FrBB1D-BBgBHBDDDBGBCBBCXBQCC-CHBDmBBRCCdLLBmBBIWWMtBBUTTBnCBoGgBBgBIBCkBBSyByBBcBxDGBCBBClBBWaaBEBCBBCfBPYYBqBBlISBQCCBLBChBB9DwCwCB4cBnHjGBtyCgDBQvhBBSFBa68DBGmSB61GdBj3B4RBIeBSuCBSdBTvBBRDBgBUBGSBxNsBB0G-BBhBYBDYBtBqCBGjCjCBLBhCBBCPPBNNB0mHBqBfBiDyDB+vIDBCGBCBBCiJBQeeBBBDPPBCBJrMBloCqDBGMBEIBIJBn7F0CBCmCBCBBDDDBDDBCBCLBCCCBFBCgCBCDBDHBCGBCbBCDBCEBCEEBFBCzKBDYBCYBCeBCYBCeBCYBCeBCYBCeBCYBCHB15BeBHFBmI9BBzEsBBLGBRiKiKBcBTrBBlPbBlHdBDwGwGBdBCCBCBBCGBDEBKBBhHGBCDBCBBCOBCkGB8BjCBI1lB1lBBCBCaBCBBCDDCJBCDBCCCHFFCECBBBCBBCDDCICBCCDDBCGBCDBCDBCCCBIBCQBGCBCEBCQBlqE-2pBBhB9oEBDt0FBDwpHBQtTBjtC9QBjvBq6EBGppIB", false)),
    LC: () => new UnicodeRangeTable(decodeRanges("hCZBHZB7BLLBVBCeBCiGBCDBFvGBDZBhGDBDBBECBCHHCCBCCCBSBCyCBCqEBJlFBClBBKoBB44ClBBCGGDqBBDCBhV1CBDFBjkCKBGqBBDCBhCrBBgCMBChBBmD1IBDFBDlBBDFBDHBCGCBdBD0BBCGBCEEBBBCGBEDBDFBFMBGCBCGBmIFFDJBCEEBDBHGCBCBCFBFDDBCBGEBF1B1BB8zC8zCB6DBDmDBHDBEBBNlBBCGGzoetBBTbBnEtCBCWBEDBCsCBZBBE2Z2ZBpBBGIBIvCBh6TGBNEBqgBZBHZBmlBvCBhDjBBFjBB1DKBCOBCGBCBBCKBCOBCGBCBBk2ByBBOyBB+CVBLVB74C-BBhrV-BBhBYBDYBtpZ0CBCmCBCBBDDDBDDBCBCLBCCCBFBCgCBCDBDHBCGBCbBCDBCEBCEEBFBCzKBDYBCYBCeBCYBCeBCYBCeBCYBCeBCYBCHB15BJBCTBHFB2uCjCB", false)),
    Ll: () => new UnicodeRangeTable(decodeRanges("hDZB7BqBqBBWBCHBC2BCBQCBuBCDECBBBDCCDEEBFFDEEBBBDDDCCCDCCBCCDEECDDBDDBBBHGDCOCBSCBDDCEEC4BCBFBDDDBCCFICBjCBDZBiGCCEEEBBBTccBhBBCBBECBCWCBDBCGDB0B0BBuBBCgBCK0BCDMCBgDCxBoBBo6CqBBDCB5XFBjkCIBC2D2DBqBBgCMBChBBnD0ECBHBCgDCBHBJFBLHBJHBJFBLHBJHBJNBDHBJHBJHBJEBCBBHEEBBBCBBJDBDBBJHBLCBCBBzIEEBEEcKFDBBJDBF2B2Bs1CvBBCEEBGCFCCBCCBEBGiDCBIICFFNlBBCGG0oesBCUaCoEMCBBBC+BCBGBCCCDICFCCDCCBBBCSCGGGCMCFCCDOCbEE2ZqBBGIBIvCBh6TGBNEBqhBZBumBnBBpEjBB8EKBCOBCGBCBBk4ByBB+DVB75CfBhsVfB8BYBnqZZBbGBCRBbZBbDBCCCBFBCKBbZBbZBbZBbZBbZBbZBbZBbZBbbBdYBCFBbYBCFBbYBCFBbYBCFBbYBCFBC15B15BBIBCTBHFB4vChBB", false)),
    Lm: () => new UnicodeRangeTable(decodeRanges("wVRBFLBPEBICCmEGG-OnHnHlFBBuIBBFgBgBKEEhFoFoF1mBgEgE2R72B72BsDkTkTxOFBvF+BBOjBjBBjBByVOORMBg-CBByHgGgG2OsBsBBDBGiDiDB+C+CBBB34bjnBjnBBEBvIzDzDdBB6DIBxCYYpDDBEBB2OXXqEtDtDWBBoDDBKngVngVuBBBh-BFBCpBBCIB0sBhBhB2K04D04DnrTDB9PCBpBBBnRMBhCBBCPPB9-P9-PBCBCGBCBByhM9BBqGGBud0Q0QsSAB", false)),
    Lo: () => new UnicodeRangeTable(decodeRanges("qFQQhIFFBCBxGBB7ZaBFDBuBfBCJBkBBBCiDBCZZBLLBBBDRRCdBe4CBMZZBfBWVBrBYBIKBGXBCGBRoBB8B1BBETTIJBROBFHBDBBDVBCGBCEEBCBERROBBCCBPBBLJJBEBFBBDVBCGBCBBCBBCBBgBDBCUUBBBRIBCCBCVBCGBCBBCEBETTQBBYMMBGBDBBDVBCGBCBBCEBEffBCCBBBQSSCFBECBCDBEBBCCCBEEBEEBBBELBX1B1BBGBCCBCWBCPBEbbBBBCBBDBBfFFBGBCCBCWBCJBCEBEffBBBCBBQBBSIBCCBCoBBDRRGCBJCBZFBGRBEXBCIBCDDBFB7BvBBCBBNFB8BBBCCCBDBCXBCCCBIBCBBKDDBDBYDBhBgCgCBGBCjBBcEB0DqBBVRRBEBFDBEEEBIIBBBFMBNyDyDBnKBCDBDGBCCCBCBDoBBCDBDgBBCDBDGBCCCBCBDOBC4BBCDBDiCBmBPByDrTBDQBCZBGqCBHHBIRBOSBPRBPMBCCBQzBBpBkCkCBhBBC0BBIEBDhBBCGGBkCBLeByBdBDEBMrBBFZB3BWBK0BBxFuBBSHB3BdBOBBLrBBbjBBqBCBLdByDDBCFBCBBE7hB7hBBCB4-C3BBZWBKGBCGBCGBCGBCGBCGBCGBCGBoR2B2BF1CBJCCB4CBFGGBpBBC9CBSfBxBPBhQ-tGBhC0wUBC2jBBkCnBBJrIBFPBLBBjCyByBBkCBqFoDoDEGBCCBCDBCWBezBBPxBB-BFBECCBMMBaBLWBacBIuBBuBEBDIBLEBCoBBYCBCHBVPBCFBEEEBwBBCEEBDDBDBDCCZBBEKBIPPBEBDFBDFBKGBCGByEiBBej9KBNWBFwBBloItLBDpDBkCCCBIBCMBCEBCCCBCCBCCBqDBiBqLBT-BBD1BBpBLB1DEBCmEBqDJBCsBBDeBEFBDFBDFBDCBkBLBCZBCSBCBBCOBDNBjB6DBmMcBEwBBwBfBOTBCHBHlBBLdBDjBBFHBhEtCBjDnBBJzBB9CzBBN2JBKVBLHB5EFBDCCBqBBCBBEDDBVBLWBKeBiCSBCBBLVBLZBHZBnB3BBHBBhCQQBCBCCBCcBrBcBEcBkBHBCbBc1BBLVBLSBORBvDoCB4FjBBnBDBCxJxJBoBBHBBRCBCBB5BcBLJJBUBrBRBvBUBcWBN0BB6BBBDOOBrBBhBYBbjBBeDDJiBBENNBuBBPDBWCCkBRBCYBUBBgCGBCCCBCBCOBCJBIuBBnBHBDBBDVBCGBCBBCEBETTNEBfJBCDDClBBCaaCtBtBBzBBTDBVCBfvBBVBBC5F5FBtBBqBDBlBvBBV8B8BBpBBOoCoCBZBmBGB6FrBB0GHBDDDBGBCBBCXBQCC-CHBDmBBRCCdLLBmBBIWWMtBBUTTBnCBoGgBBgBIBCkBBSyByBBcBxDGBCBBClBBWaaBEBCBBCfBPYYBnBBCBBlISBQCCBLBChBB9DwCwCB4cBnHjGBtyCgDBQvhBBSFBa68DBGmSB61GdBj3B4RBIeBSuCBSdBTvBB0BUBGSB0NnBB2MqCBGwFwFB0mHBqBfBiDyDBuwIiJBQeeBBBDPPBCBJrMBloCqDBGMBEIBIJBxzI2P2PBrBBiBiKiKBcBTrBBlPaBmHdBDwGwGBdBCCBCBBCGBDEBKiHiHBFBCDBCBBCOBCkGB8pBDBCaBCBBCDDCJBCDBCCCHFFCECBBBCBBCDDCICBCCDDBCGBCDBCDBCCCBIBCQBGCBCEBCQBlqE-2pBBhB9oEBDt0FBDwpHBQtTBjtC9QBjvBq6EBGppIB", false)),
    Lt: () => new UnicodeRangeTable(decodeRanges("lOGDnB2sH2sHBGBJHBJHBNQQwBAB", false)),
    Lu: () => new UnicodeRangeTable(decodeRanges("hCZBmDWBCGBiB2BCDOCDuBCBECEBBCCCBCCBBBDDBCBBCCBEBBCBBCECBCCDCCBCCBBBCCCBEEIJDCMCDQCDDDCCBC4BCIBBCBBDCCBCBCGCiJCCEJJHCCBBBCCCBCCBPBCIBkBDDBBBEWCGDDCBBDyBBxBgBCK2BCBMCD+CCDlBBq6ClBBCGGzW1CB0kCHHBpBBDCBhK0ECKgDCKHBJFBLHBJHBJFBMGCJHBpCDBNDBNDBNEBMDBnIFFECBDCBDEEBDBHGCBCBDDBLBBG+B+B9zCvBBxBCCBBBDGCBCBCDDJCBCgDCJCCFuqeuqeCqBCUaCoEMCE8BCLECBICFCCDCCEUCBDBCEBCOCBCBCCCBQCZs5Vs5VBYBmmBnBBpEjBB9EKBCOBCGBCBBr3ByBB+EVB75CfBhsVfBhCYBoqZZBbZBbZBbCCBGDBDDBCBCHBbZBbBBCDBDHBCGBcBBCDBCEBCEEBFBcZBbZBbZBbZBbZBbZBfYBiBYBiBYBiBYBiBYBiB2pE2pEBgBB", false)),
    M: () => new UnicodeRangeTable(decodeRanges("gYvDB0IGBoIsBBCCCBCCBCCpCKBxBUBRmDmDBFBDFBDBBCDBkBffBZB8CKB7BIBKZZBCBCIBCCBCEBsBCB8BIBrBXBCgBB3BCBCRBCGBLBBeCB5BCCBFBDBBDCBKLLBbbDCB5BCCBDBFBBDCBEffBEEMCB5BCCBGBCCBCCBVBBXFBCCB5BCCBFBDBBDCBICBLBBf8B8BBDBECBCDBKpBpBBDB4BCCBFBCCBCDBIBBMBBeCB5BCCBFBCCBCDBIBBMBBQNNBCB4BBBCGBCCBCDBKLLBeeBBBnCFFBEBCCCBGBTBB+BDDBFBNHBjDDDBHBMGBqCBBcECFBByBTBCBBGKBCjBBKlDlDBSBYDBFCBCCBDGBEDBOLBCLLBCBgWCBzdDBdCBeBBfBBhCfBKuBuBBBBC2D2DBjBjB3DLBFLB8GEB6BJBCcBDxBxBBsBBDLBVEBwBQBnBIBNCBfMB5BNBxBTB5ECBCUBFHHDCBnG-BBxWgBB--CCBuEhDhDBeBrRFBqDBB1udDBCJBhBBBxCBBxIEEFYYBDBF0C0CBzBzBBQBbRBOnBnBBGBaMBtBDBwBNBlBkCkCBMBNJJBuBuBBBBzBCCBBBDBBGBBCqBqBBDBGBBtHHBCBBx5TiXiXBOBRPBuejHjH2EEBn0BCBCBBGDBpBCBFmFmFB+R+RBCBiCEB+JBBuCFBnCKByBDB7DCB2BOBqBDDBLLBCBuBKBI+B+BBBBlBNBRBBtBNNBBBxBNBJDBCBB9CLBHDD+ELBWDB4BBBCGBDBBDCBKLLBDDBFBEEBkCIBCDDCDBCEBCPPBzCzCBQBYyCyCBSBsHGBDIBcBBzCQBrDMBmDOBhIOB2HFBCBBDDBCCCBuEuEBFBDGBEddBIBpBGBCDBJKKBJBvBPBnGHBoGHBCHBzCVBCNB7DFBECCBCCBFBCjCjCBDBCBBCEB8KDBKBBCxBxBBFBEEBYmnFmnFHOBpmLRBhuCEB8BGB5gBCCB1BBIDByCMMBslTslTBizEizEBsBBDWB-QEBEFBJHBDGBfDB1ECB89B2BBFxBBJPPXEBCOBxqBGBCQBDGBCBBCEBlDhFhFBFB4L+B+BBCB9PDB-HBB0HDDIBBG7O7OBFBuDGB29lYvHB", false)),
    Mc: () => new UnicodeRangeTable(decodeRanges("joC4B4BDCBJDBCBBzBBB7BCBHBBDBBLsBsB7BCBjC7B7BBBBJCCB2B2BB7B7BCHHBDDBLLnDBBCBBECBCCBLqBqBBBB+BDB+BBB7BCCBDBDBBCBBKBBdPPB7B7BBBBGCBCCBLrBrBBsCsCBBBHHBTBBrKBBgCsFsFBFFHDDBaaBLLBBBDGBWBBDFBDLLBBB5zBffiEIIBGBCBB7KDBDCBFBBCFBhHBB7BCCKCCBJJBEByExBxBGCCBDBCBB+BffFBBD9B9BDCBCEEBxBxBBGBJBBsFWW35EBB0-dBBD5C5CBzBzBBOBvEBBwBxBxBBFFBDDBBBvDBBDBBZuBuBCuDuDDBBGuHuHBCCBCCBCC0gZCCgEuBuBBBBFBB0DZZB8B8BxBCBKBBO+C+CBBBEBBCrFrFBBBgBBB7BBBCDBDBBDCBKLLB1C1CBBBIDDCDBCBBCmDmDBBBJBBErDrDBBBHCCBCBDuHuHBBBHDBDyDyDBBBJBBCuDuDCBBHoDoDCBBFmImIBBBK4H4HBEBCBBFDDCvEvEBBBJDBF1C1CeBB-BqGqGECCoGPPrDIID2G2GBDBFBBC-K-KBNNxBBBJBBCpvQpvQBBBlxD2BBpDBB0rYBBHFB", false)),
    Me: () => new UnicodeRangeTable(decodeRanges("okBBB1xF-wB-wBBCBCCBsshBCB", false)),
    Mn: () => new UnicodeRangeTable(decodeRanges("gYvDB0IEBqIsBBCCCBCCBCCpCKBxBUBRmDmDBFBDFBDBBCDBkBffBZB8CKB7BIBKZZBCBCIBCCBCEBsBCB8BIBrBXBCfB4BCCFHBFEEBFBLBBe7B7BFDBJVVBbbDBB6BFFBFFBDDBBBEffBEEMBB6BFFBDBCBBFVVBXXBEBC7B7BDCCBCBJIIBMMBff+BNNzBEE4BCCBBBGCBCDBIBBMBBe7B7BDHHGBBVBBdBB6BBBFDBJVVBeepCIIBBBC7C7CDGBNHBjDDDBHBMGBqCBBcEC4BNBCEBCBBGKBCjBBKnDnDBCBCFBCBBDBBaBBFCBRDBODDBHHQgWgWBBBzdCBeBBfBBfBBhCBBCGBJDDBJBKuBuBBBBC2D2DBjBjB3DCBFBBKHHBBB8GBBD7B7BCGBCCCDHBHJBDxBxBBMBCeBDLBVDBxBCCBDBCGGpBIBNBBhBDBDBBCCB5BCCBEECCB7BHBDBB5ECBCMBCGBFHHEBBnG-BBxWMBFEEBKB--CCBuEhDhDBeBrRDBsDBB1udFFBIBhBBBxCBBxIEEFaaBGG4EBBbRBOnBnBBGBaKBvBCBxBDDBCBDBBoBkCkCBEBDBBDBBNJJwB0B0BCCBDBBGBBCrBrBBJJvHDDFx5Tx5TiXPBRPBuejHjH2EEBn0BCBCBBGDBpBCBFmFmFB+R+RBCBiCEB+JBBuCFBnCKByBDB8D3B3BBNBqBDDBLLBBByBDBDBBI+B+BBBBlBEBCHB-BNNB1B1BBHBLDBDgDgDBBBDCCBHHD+E+EEHBWBB6BBBEmBmBBFBEEBnCFBOECPBB2CHBDCBCYY1CFBCFFBCCBvHvHBCBHBBCBBcBB2CHBDCCBrDrDCDDBEBCmDmDCDDBCBCEBkIIBCBBhIBBCFFxEDBDBBFhBhBBIBpBFBDDBJKKBEBDCBvBMBCBBnGCCBBBCqGqGBFBCFBCzCzCBUBDGBCBBCBB7DFBECCBCCBFBCpCpCBEEC8K8KBMMB1B1BBDBGCCYmnFmnFHOBpmLLBECBhuCEB8BGB5gBgCgCBCByC5lT5lTBizEizEBsBBDWBhRCBSHBDGBfDB1ECB89B2BBFxBBJPPXEBCOBxqBGBCQBDGBCBBCEBlDhFhFBFB4L+B+BBCB9PDB-HBB0HDDIBBG7O7OBFBuDGB29lYvHB", false)),
    N: () => new UnicodeRangeTable(decodeRanges("wBJB5DBBGDDBBBitBJBnEJBnGJB9MJB3DJBFFBtDJB3DJB3DJBDFBvDMB0DJBJGBoDJBpDGBISBuDJBhDJB3DJBnCTBtIJBnCJBwWTBybCBwHJBHJBXJBtJJBhEKBmFJBHJB3FJB3CJBnEJBHJB3gBEEBEBHJBnGyBBDEB3W7BBvCVB3TdBqrBqYqYaIBPCB4KDBrEJBfHBCOBhBJBoBOBh7cJB9FJBhKFB7EJBnBJBnGJBXJB3CJB3MJB34UJBuPsBBN4BBSBB2KaBlBDBeJJnEEBrGJBvdHBaGBoBIBsCEBXFBhFBBDPBDtBBhCIB1BBBfCBsCEBpDHBZHBqBGBrKFBxBJBHJB3IeB-EJBrBDBxDGBnEdBhEJB9BJBxEJBITB8HJB3KJB3DJB3LJBnDJBHTBtCLBlNSB+CJB3UJB3CcBkHJBnCJB3BJBnLJBnDUBshBuDBimPJBnpCJB3CJBnEJBCGBvQJBnIWB+KCB6nXJBnuBTBNTBtDYB2iBxBBhqCJBnNJB3PJB4HJBtWIBhEJB4Y6BBCCBCDBtCsBBCOBjeMBk3CJB", false)),
    Nd: () => new UnicodeRangeTable(decodeRanges("wBJnxBJnEJnGJ9MJ3DJ3DJ3DJ3DJ3DJ3DJ3DJ3DJ3DJhDJ3DJnCJ3IJnCJn6BJnBJtJJhEJnFJHJ3FJ3CJnEJHJnuiBJnVJnBJnGJXJ3CJ3MJ34UJnsBJnkCJHJ9YJhEJ9BJxEJ3IJ3KJ3DJ3LJnDJHTtCJnNJnDJ3UJ3CJ3HJnCJ3BJnLJ3uQJnpCJ3CJnEJ3QJ37XJ12CxBhqCJnNJ3PJ4HJ2aJ30EJ", true)),
    Nl: () => new UnicodeRangeTable(decodeRanges("u3FCBwzCiBBDDB-zDaaBHBPCBs1dJBxyW0BBtOJJnEEBrhIuDBm8SCB", false)),
    No: () => new UnicodeRangeTable(decodeRanges("yFBBGDDBBB2pCFB5LFB5DCBmEGB6GGBSIByNJB2hBTB0jBJBhP20B20BEFBHJBnGPBqB3W3WB6BBvCVB3TdBqrB1kB1kBBCBrEJBfHBCOBhBJBoBOBxrdFBymWsBBiCDBSBB2KaBlBDB1pBHBaGBoBIBsCEBXFBhFBBDPBDtBBhCIB1BBBfCBsCEBpDHBZHBqBGBrKFBhLeB-EJBrBDBxDGBnETB8LTBmqBBBvNIBobSB0aUBn8SGB-YWBqhZTBNTBtDYBvqFIBid6BBCCBCDBtCsBBCOBjeMB", false)),
    P: () => new UnicodeRangeTable(decodeRanges("hBCBCFBCDBLBBEBBbCBCccCkBkBGEELBBEEE-VJJzOFBqBBB0BCCDDDtBBBVBBCBBOCCBBBrCDBnDsBsBBMBqHCB3BOBgBmImIBLLtE5D5D6DnMnMNwLwL7CLLBpFpFBNBCmBmBBCBoCrCrCBDBFBBwDFBsFlTlTBHB4EuTuTtBBBvCCBoCBB+ECBCCBmBKB6JBB5GBBhEGBCFBhFBBLGBdCB9DDB8BEB-BBBhCHBM9Z9ZBWBJTBCMBCLBfBBPBB6TDBeBB+hBNBwCBBgBJB0MVBgCDBhBBB8XDBCBBxDwEwEBtBBCfBDLBkNCBFJBDLBRNNjD7C7CjgdBBuICBkDLL0DFB9LDB3CBBpBCBCyByBBwBwBiDMBRBB9DDB-DBBRBB6HzqUzqUBxGxGBIBXiBBCNBCFFCBB2ECBCFBCDBLBBEBBbCBCccCCCBFB7MCB9UxBxB-MoXoXoGgBgBxIIBnBxDxDBFBjCGB6CDByO-J-JjBlElEBDBtBDB+FGBuDBBCDB-DDBxBBBwCDBFOOCCB5CFBsDrJrJBCCBzDzDBDBLBBCpDpD7HWBqDCBdMBtCjEjEBBB9HpIpIBBB8E9C9CBGB0CCBCEB+CJB4GgDgDBDBrBBBmUBBrCMBwFxjBxjBBDB97CBB8zOBBmEiCiCBDBJpRpRBBBoJDBoK9lT9lTovHEB07C-a-aBAB", false)),
    Pc: () => new UnicodeRangeTable(decodeRanges("-Cg-Hg-HBUU-u3BBBZCBwHAB", false)),
    Pd: () => new UnicodeRangeTable(decodeRanges("tB9qB9qB0BiyDiyDmgBqgCqgCBEBiwDDDgBBBFdd-NUUwDxszBxszBBmBmBLqFqFhzD-J-J", false)),
    Pe: () => new UnicodeRangeTable(decodeRanges("pB0B0BgB+1D+1DC-6B-6BqtC4B4BQ7T7TCff-hBMCxChBhBCGC1MUChCCCiBmhBmhBCECtBGCtNICEGCDBB-ozB6G6GeOCESSCCCrF0B0BgBGD", false)),
    Pf: () => new UnicodeRangeTable(decodeRanges("7F+6H+6HEddpuDCCFDDQEE", false)),
    Pi: () => new UnicodeRangeTable(decodeRanges("rFt7Ht7HDBBDaapuDCCFDDQEE", false)),
    Po: () => new UnicodeRangeTable(decodeRanges("hBCBCCBDECBLLBEEBcclCGGPBBI-V-VJzOzOBEBqB3B3BDDDtBBBVBBCBBOCCBBBrCDBnDsBsBBMBqHCB3BOBgBmImIBLLtE5D5D6DnMnMNwLwL7CLLBpFpFBNBCxDxDrCEBFBBwDFBsFlTlTBHBmY9D9DBBBoCBB+ECBCCBmBFBCDB6JBB5GBBhEGBCFBhFBBLGBdCB9DDB8BEB-BBBhCHBMjajaBJJBGBJIBDDBDCBEKBCCCBIB7kDDBCBBxDwEwEBFFBBBDDDBHBCBBCDDBLLBDBCJBDDBCCCBLBDCBtNCB6B+F+FjgdBBuICBkDLL0DFB9LDB3CBBpBCBCyByBBwBwBiDMBRBB9DDB-DBBRBB6HlxUlxUBFBDXXVBBDDBECBCDBICBHCCB2E2EBBBCCBDECBLLBEEBcclBDDB7M7MBBB9UxBxB-MoXoXoGgBgBxIIBnBxDxDBFBjCGB6CDB0ZlElEBDBtBDB+FGBuDBBCDB-DDBxBBBwCDBFOOCCB5CFBsDrJrJBCCBzDzDBDBLBBCpDpD7HWBqDCBdMBtCjEjEBBB9HpIpIBBB8E9C9CBGB0CCBCEB+CJB4GgDgDBDBrBBBmUBBrCMBwFxjBxjBBDB97CBB8zOBBmEiCiCBDBJpRpRBBBoJDBoK9lT9lTovHEB07C-a-aBAB", false)),
    Ps: () => new UnicodeRangeTable(decodeRanges("oBzBzBgB-1D-1DC-6B-6B-rCEEnB4B4BQ7T7TCff-hBMCxChBhBCGC1MUChCCCiBmhBmhBCECaTTCECtNICEGCDipzBipzB4GeeCMCESSCCCrFzBzBgBEEDAB", false)),
    S: () => new UnicodeRangeTable(decodeRanges("kBHHRCBgBCCcCCkBEBCBBDCCBCBDEEfgBgBrODBNNBGGBCCCBPB2DPPBxDxDsErIrIBBB3DCBDDDBvGvGLUUB4H4HIBBpEqLqLBHHB2H2H-DjEjEBGBlEwGwGqBmGmGiGCBQCCBBBDFBVECmEHBCFBCBBGDBmGBBxXJB0WuLuLlL+E+EBgBBiLJBKIBhiBCCBBBMCBOCBOCBOBBmCOOoBCBOCBUhBB-BBBCDBCBBLCCBBBGFBCECFMMBFFBDBGDBC7B7BBFFB2LBFcBD+HBXKByCtCBXnTBtBwBBDeBLyMBX+BBFfBD1LBDpEBmHFBmLBBvBZBC4CBN1GBbPBFOOBNNWBBHBB8CBB0HBBFJBhBlBBKRRBdBMdBJQQBeBLmBBQ-JBhuG-BBx0V2BB6RWBKBBoDBB+EDBLDB+RCBiHPPB+9T+9TpEgBBuLPBhCBB3BHBtBDBjDCCBBBD7E7EHRRBBBgBCCcCCiEGBCGBOBB6JIB6BQBDCBCMBEwBwBBrBB7zBBBwSmWmWBiKiKBGBnjC2kC2kCBbBr6SDBG3qU3qUk7DvHBLCBEzNBHWBQQBgDzDB9B1HBLmBBD7BBGCBXBBIdBF8BBWhCBE7F7FB1CBrbaagBaagBaagBaagBaa9B-PB4BDBzBHBCNBCBBp2BwNwNttCEE+DiOiOBvIvIBqBBFjDBNOBDOBCOBCkBBYgFB5BcBOrBBFIBIBBPFB7E4eBEQBEMBE5GBHLBFQQBKBF3BBJJBHnBBJdBDLBFBBPIBoB3KBJNBDMBEKBE4BBCFFBOBDLBFJBIyEBC7CBLAB", false)),
    Sc: () => new UnicodeRangeTable(decodeRanges("kB+D+DBCBqnB8D8DzPBBzPBBI2H2HoImSmS8sClmClmCBgBB37hBkuVkuVtD7E7E8GBBEBB3-HDB-4wBxtCxtC", false)),
    Sk: () => new UnicodeRangeTable(decodeRanges("+CCCoCHHFEEqQDBNNBGGBCCCBPB2DPPBjoBjoB15FCCBBBMCBOCBOCBOBB9kEBBkzdWBKBBoDBBxePPBniUniUBPB8bCCjF4g9B4g9BBDB", false)),
    Sm: () => new UnicodeRangeTable(decodeRanges("rBRRBBB+BCCuBFFmBgBgB-XwQwQBBB8xGOOoBCBOCBsEoBoBBDBHlClCBDBGBBFGDIgBgBBDDCgBgBBqIBhBBB7CffBXBpBFB2OKK3BHBwDxKxKBDBDeBLPBhIiEBX+BBFfBDhIBxBUBDFB9+zB5Z5ZCCBlFRRBBB+BCCkEHHBCBitDBBhrwBx+Bx+BagBgBagBgBagBgBagBgBat5Ft5FB-uC-uCBHB", false)),
    So: () => new UnicodeRangeTable(decodeRanges("mFDDFCCyerIrIBgEgEBvGvGLUUB4H4HkQ2L2LjEFBClElEwGqBqBoMCBQCCBBBDFBVECmEHBCFBCBBGDBmGBBxXJB0WzWzW+EhBBiLJBKIBksBBBCDBCBBLCCBHHBEBCECFMMBPPCBBC7B7BBKKBDBDDBCBBCBBCGBCeBDBBCCCBdBtIHBFTBDGBDwCBCdBanBBHnCBXKByCtCBX2FBCIBC1BBJuDBC3HBtBrBBhC-HBhQvBBWBBHmBBDpEBmHFBmLBBvBZBC4CBN1GBbPBFOOBNNWBBHBBxKBBFJBhBlBBKRRBdBMdBJQQBeBLmBBQ-JBhuG-BBx0V2BBibDBLBBC+R+RBBBqqUPBuLPBhCBB3BHBuBCBlPEEFBBOBB6JIB6BQBDCBCMBEwBwBBrBB7zBBBwSpgBpgBBGBnjC2kC2kCBGBFQBr6SDBG3qU3qUk7DvHBLCBEzNBHWBQPBhDzDB9B1HBLmBBD7BBGCBXBBIdBF8BBWhCBE7F7FB1CBqlB-PB4BDBzBHBCNBCBBp2B96C96CiEyWyWBqBBFjDBNOBDOBCOBCkBBYgFB5BcBOrBBFIBIBBPFB7E6HBG4WBEQBEMBE5GBHLBFQQBKBF3BBJJBHnBBJdBDLBFBB-B3KBJNBDMBEKBE4BBCFFBOBDLBFJBIyEBC7CBLAB", false)),
    Z: () => new UnicodeRangeTable(decodeRanges("gBgEgEgvFgsCgsCBJBeBBGwBwBh9DAB", false)),
    Zl: () => new UnicodeRangeTable(decodeRanges("ohIA", true)),
    Zp: () => new UnicodeRangeTable(decodeRanges("phIA", true)),
    Zs: () => new UnicodeRangeTable(decodeRanges("gBgEgEgvFgsCgsCBJBlBwBwBh9DAB", false)),
    ASCII_Hex_Digit: () => new UnicodeRangeTable(decodeRanges("wBJIFbF", true)),
    Alphabetic: () => new UnicodeRangeTable(decodeRanges("hCZBHZBwBLLFGGBVBCeBCpOBFLBPEBICC3CeeBQBCBBDDBCHHCCBCCCBSBCyCBCqEBJlFBClBBDHHBnBBoBNBCCCBCCBCCJaBFDBeKBG3BBCGBPlDBCHBFHBFCBLCBDRRBuBBOkDBZgBBKBBFGGBWBDSBUYBIKBGXBCGBIJJBoBBLLBEGBHrCBCPBCCBFOBOSBCHBDBBDVBCGBCEEBCBEHBDBBDBBCJJFBBCEBNBBLFFBBBCFBFBBDVBCGBCBBCBBCBBFEBFBBDBBFIIBCBCSSBEBMCBCIBCCBCVBCGBCBBCEBEIBCCBCBBEQQBCBWDBFCBCHBDBBDVBCGBCBBCEBEHBDBBDBBKBBFBBCEBORRBCCBEBECBCDBEBBCCCBEEBEEBBBELBFEBECBCCBEHHpBMBCCBCWBCPBEHBCCBCCBJBBCCBCBBDDBdDBCHBCCBCWBCJBCEBEHBCCBCCBJBBGCBCDBOCBNMBCCBCoBBDHBCCBCCBCGGBCBIEBXFBCCBCRBEXBCIBCDDBFBJFBCCCBGBTBBO5BBGGBH0B0BBECBDBCXBCCCBRBCCBDEBCHHPDBhBgCgCBGBCjBBFSBFPBCjBBkC2BBCDDBDBR-BBLDBDlBBCGGDqBBCsKBCDBDGBCCCBCBDoBBCDBDgBBCDBDGBCCCBCBDOBC4BBCDBDiCBmBPBR1CBDFBErTBDQBCZBGqCBEKBITBMUBNTBNMBCCBCBBNzBBDSBPFFkC4CBIqBBGlCBLeBCLBFIBYdBDEBMrBBFZB3BbBF+BBDTBzBYYBMMBBByBzBBCOBCHB0BpBBDDBLrBBCKBP2BBXCBLjBBDKBGqBBDCBqBDBCFBCBBEGGB+FBUhBBM1IBDFBDlBBDFBDHBCGCBdBD0BBCGBCEEBBBCGBEDBDFBFMBGCBCGB1DOORMBmDFFDJBCEEBDBHGCBCBCKBDDBGEBFSSBnBBuZzBB34BkHBHDBEBBNlBBCGGD3BBIRRBVBKGBCGBCGBCGBCGBCGBCGBCGBCfBwB2O2OBBBaIBIEBDEBF1CBHCBC5CBCDBGqBBC9CBSfBxBPBhQ-tGBhCs0VBkCtBBDsIBEPBLBBVuBBGHBEwDBoBIBDmDBDxCBVUBCgBBZzBBNjCBCtBtBBEBECCBBBLgBBGiBBOcBEyBBCLBQRRBOBLEBC2BBKNBTWBEkCBCCCZCBDPBDDBMFBDFBDFBKGBCGBCqBBCNBH6DBWj9KBNWBFwBBloItLBDpDBnBGBNEBGLBCMBCEBCCCBCCBCCBqDBiBqLBT-BBD1BBpBLB1DEBCmEBlBZBHZBM4CBEFBDFBDFBDCBkBLBCZBCSBCBBCOBDNBjB6DBmC0BBsIcBEwBBwBfBOdBGqBBGdBDjBBFHBCEBrB9EBTjBBFjBBFnBBJzBBNKBCOBCGBCBBCKBCOBCGBCBBEzBBN2JBKVBLHBZFBCpBBCIBmCFBDCCBqBBCBBEDDBVBLWBKeBiCSBCBBLVBLZBHZBnB3BBHBBhCDBCBBGHBCCBCcBrBcBEcBkBHBCbBc1BBLVBLSBORBvDoCB4ByBBOyBBOnBBjBbBEGGBVB7HpBBCBBEBBRFBzBCBEcBLJJBUBrBRBvBUBcWBKlCBsBEBL4BBKOOBXBYyBBSDBJiBBEKKB+BBCDBKBBLCCkBRBChBBDHHBCB-BGBCCCBCBCOBCJBI4BBYDBCHBDBBDVBCGBCBBCEBEHBDBBDBBEHHGGBdJBCDDClBBCJBCDDCDBCBBECCtBhCBCCBCDBVCBfhCBDBBC5F5FB0BBDGBaFBjB+BBCEE8B1BBDoCoCBZBDNBWGB6F4BBoD-BBgBHBDDDBGBCBBCdBCBBDBBDDB+CHBDtBBDFBCCCBccBxBBDJBSnCBGTTBnCBoDHB5CgBBgBIBCsBBCGBCyByBBcBDVBCNBqCGBCBBCrBBECCBCCBBBCDDBZZBEBCBBCkBBCBBCDBCYYBqBBlIWBKQBCoBBECBwDwCwCB4cBnDuDBSjGBtyCgDBQvhBBSFBa68DBGmSB61GuBBy2B4RBIeBSuCBSdBTvBBRDBgBUBGSBxNsBB0G-BBhBYBDYBtBqCBF4BBIQBhCBBCNNBFBK1mHBqBfBiDyDB+vIDBCGBCBBCiJBQeeBBBDPPBCBJrMBloCqDBGMBEIBIJBFi7Fi7FBzCBCmCBCBBDDDBDDBCBCLBCCCBFBCgCBCDBDHBCGBCbBCDBCEBCEEBFBCzKBDYBCYBCeBCYBCeBCYBCeBCYBCeBCYBCHB15BeBHFB2GGBCQBDGBCBBCEBG9BBiBxDxDBrBBLGBRiKiKBcBTrBBlPbBlHdBDwGwGBdBCVBJBBhHGBCDBCBBCOBCkGB8BjCBEEE1lBDBCaBCBBCDDCJBCDBCCCHFFCECBBBCBBCDDCICBCCDDBCGBCDBCDBCCCBIBCQBGCBCEBCQB1TZBHZBHZB3zD-2pBBhB9oEBDt0FBDwpHBQtTBjtC9QBjvBq6EBGppIB", false)),
    Dash: () => new UnicodeRangeTable(decodeRanges("tB9qB9qB0BiyDiyDmgBqgCqgCBEB+BoBoBQnMnMlgDDDgBBBFdd-NUUwDxszBxszBBmBmBLqFqFhzD-J-J", false)),
    Emoji: () => new UnicodeRangeTable(decodeRanges("jBHHGJBwDFFu8HNN5GXX7CFBQBBwLBBNnFnFaKBFCBoGoHoHBLLK7B7BBCBCEBKGDBDDFDDCBBDIEBJJBBBGCCGLBMBBDCCBCCTDDBTTBEBCCCBEEBGGDBBFBBMBBGBBDGGBECBVVBGGBEBCDBDFFDDDBEBCDDCCCHEEHLLBQQDFFCFFBBBCMMBxBxBBBBKeP1LBBwOCBUBB0BFF7mBNN6SCCrrvDrGrGhFBBNBBPDDBIBsCZBCBBYVVDIBWBBvFhBBDvDBDBBCCBDyCBDCBCmIBC+BBMFBCXBIBBDHBNDDBCBDFFBOOBDDJBBKGGBBBNCBJCBDCCFHHEHHB0CBxBlCBGHBDDBEJBECCBEEDJBkHLBF8I8IBtBBCJBC4FBxDMBEKBE4BBCFFBOBDLBFJB", false)),
    Emoji_Component: () => new UnicodeRangeTable(decodeRanges("jBHHGJB0+H2G2Gsp3B3+8B3+8BBYB8PEBxtBDBtzhY-CB", false)),
    Emoji_Modifier: () => new UnicodeRangeTable(decodeRanges("7-8DE", true)),
    Emoji_Modifier_Base: () => new UnicodeRangeTable(decodeRanges("9wJ8G8GRDB4jzD9B9BBBBDDDBBB2DBBDKBWSBEFFBBBCCBICCZqGqGBFFWFFBvFvFBBBEEB0CRRBBBKMMgSDDJHBHKKBIBDCB5B+B+BBCCBCCSCBCMBmHCBrBIB", false)),
    Emoji_Presentation: () => new UnicodeRangeTable(decodeRanges("64IBBuGDBEDDqQBBWBBzBLBsBUUOJJBSSBGGBJJGWWIBBCFFDIIFBBdkBkBCFFBBBC+B+BBBBZPP8aBB0BFFvlxDrGrG-FDDBIBsCZBCZZVDDBDBCCBWBBvFgBBNIBClCBCVBNqBBFEBNQBEEEBlCBCCCB5FBD+BBODBCXBTbbBOO3C0CBxBlCBHEEBBBDDBEDBMBBIIBkHLBF8I8IBtBBCJBC4FBxDMBEKBE4BBCFFBOBDLBFJB", false)),
    Extended_Pictographic: () => new UnicodeRangeTable(decodeRanges("pFFFu8HNN5GXX7CFBQBBwLBBNnFnFaKBFCBoGoHoHBLLK7B7BBCBCEBKGDBDDFDDCBBDIEBJJBBBGCCGLBMBBDCCBCCTDDBTTBEBCCCBEEBGGDBBFBBMBBGBBDGGBECBVVBGGBEBCDBDFFDDDBEBCDDCCCHEEHLLBQQDFFCFFBBBCMMBxBxBBBBKeP1LBBwOCBUBB0BFF7mBNN6SCCrrvDoBoBBCBlDLBQBBQPPBmBmBBIBxDBBNBBPDDBIBU3BBcOBLVVDIBCDBKWBH7FBDvDBDBBCCBDyCBDCBCDBG9HBC+BBMFBCXBIBBDHBNDDBCBDFFBOOBDDJBBKGGBBBNCBJCBDCCFHHEHHB0CBxBlCBGHBDQBECCBEBDMB7GlBBNDB5BHBLFBpBHBfBBNDBDNBKmBBNuBBCJBC4FB5CHBPxEBhI9fB", false)),
    Hex_Digit: () => new UnicodeRangeTable(decodeRanges("wBJIFbFq1-BJIFbF", true)),
    Lowercase: () => new UnicodeRangeTable(decodeRanges("hDZBwBLLFlBlBBWBCHBC2BCBQCBuBCDECBBBDCCDEEBFFDEEBBBDDDCCCDCCBCCDEECDDBDDBBBHGDCOCBSCBDDCEEC4BCBFBDDDBCCFICBjCBDiBBIBBfEBhDsBsBCEEDDBTccBhBBCBBECBCWCBDBCGDB0B0BBuBBCgBCK0BCDMCBgDCxBoBBo6CqBBCDB5XFBjkCIBC2D2DB+FBiC0ECBHBCgDCBHBJFBLHBJHBJFBLHBJHBJNBDHBJHBJHBJEBCBBHEEBBBCBBJDBDBBJHBLCBCBB6DOORMBuDEEBEEcKFDBBJDBFiBiBBOBFsasaBYBn6BvBBCEEBGCFCCBCCBGBEiDCBIICFFNlBBCGG0oesBCUaCBBBmEMCBBBC8BCBIBCCCDICFCCDCCBBBCSCGGGCMCFCCDOCWDBCCCBBB2ZqBBCNBHvCBh6TGBNEBqhBZBumBnBBpEjBB8EKBCOBCGBCBBkODDBBBCpBBCIBmoByBB+DVB75CfBhsVfB8BYBnqZZBbGBCRBbZBbDBCCCBFBCKBbZBbZBbZBbZBbZBbZBbZBbZBbbBdYBCFBbYBCFBbYBCFBbYBCFBbYBCFBC15B15BBIBCTBHFBmI9BB1lChBB", false)),
    Math: () => new UnicodeRangeTable(decodeRanges("rBRRBBBgBeeCuBuBFmBmBgB5W5WBBBDbbBDDBBBwQCBuwGccBBBMEEOPPBCBWEBMEBiCMBFEEBFFBDBTFFDJBCDDBEBHEEBDDBCCBBBCFBENBClClCBWBCFBCBBFBBFfBCHHBPPBqIBJDBVBB7CffBZBCZZMGB+NBBNJBFFBFBBDBBEEBPCCDFBMHBGBB6BCCeDBKCBxK-BBhI-PBxBUBDFB9+zB4Z4ZBEBCjFjFRCBeCCeCCkEHHBCBitDBBhrwBwoBwoBBzCBCmCBCBBDDDBDDBCBCLBCCCBFBCgCBCDBDHBCGBCbBCDBCEBCEEBFBCzKBDjJBDxBBhwFDBCaBCBBCDDCJBCDBCCCHFFCECBBBCBBCDDCICBCCDDBCGBCDBCDBCCCBIBCQBGCBCEBCQB1BBB-uCIB", false)),
    Quotation_Mark: () => new UnicodeRangeTable(decodeRanges("iBFFkEQQ96HHBaBBowDqOqOBCBOCBixzBDB+FFF7CBB", false)),
    Terminal_Punctuation: () => new UnicodeRangeTable(decodeRanges("hBLLCMMBEE-ZJJiQ6B6BpCPPCCB1FsBsBBJBCsHsHB3B3BBEBCHBgBmImIB1nB1nBBtFtFFFB4JBB2YHBmY9D9DBBBoCBB+ECBEoBoBBCBDBB7JBBjLDBjFBBLBBCCBeCB8FEB-BBBldYYBKKBBBwlDCBzJOOFLLCBBEBBtNBB8ndBBuICBkHEB-LBB3CBBgD4E4EBBB0ECBgERRB6H6HnxUDDB6B6BBBBCDBqFLLCMMBEEiCDD7hBxBxBnkBoGoG3JBB5EFBlCFB6CDB5dEBtBDB+FGBxDDBgECBiEBBHRRB5C5CBDBtDrJrJB2D2DBBBNBBnLDBEOBqDBB6HCBmQCC8HBB4CBBFBB-MCBuBmUmUBrCrCBspBspBBDB6vRBBmEiCiCBBBLqRqRBoJoJBnwTnwTovHDB", false)),
    Uppercase: () => new UnicodeRangeTable(decodeRanges("hCZBmDWBCGBiB2BCDOCDuBCBECEBBCCCBCCBBBDDBCBBCCBEBBCBBCECBCCDCCBCCBBBCCCBEEIJDCMCDQCDDDCCBC4BCIBBCBBDCCBCBCGCiJCCEJJHCCBBBCCCBCCBPBCIBkBDDBBBEWCGDDCBBDyBBxBgBCK2BCBMCD+CCDlBBq6ClBBCGGzW1CB0kCHHBpBBDCBhK0ECKgDCKHBJFBLHBJHBJFBMGCJHBpCDBNDBNDBNEBMDBnIFFECBDCBDEEBDBHGCBCBDDBLBBGbbBOBUzZzZBYBx5BvBBxBCCBBBDGCBCBCDDJCBCgDCJCCFuqeuqeCqBCUaCoEMCE8BCLECBICFCCDCCEUCBDBCEBCOCBCBCCCBQCZs5Vs5VBYBmmBnBBpEjBB9EKBCOBCGBCBBr3ByBB+EVB75CfBhsVfBhCYBoqZZBbZBbZBbCCBGDBDDBCBCHBbZBbBBCDBDHBCGBcBBCDBCEBCEEBFBcZBbZBbZBbZBbZBbZBfYBiBYBiBYBiBYBiBYBiB2pE2pEBgBBvgCZBHZBHZB", false)),
    White_Space: () => new UnicodeRangeTable(decodeRanges("JEBTlDlDbgvFgvFgsCKBeBBGwBwBh9DAB", false))
  });
  static SCRIPTS = new LazyMap({
    Adlam: () => new UnicodeRangeTable(decodeRanges("go6DrCFJFB", true)),
    Ahom: () => new UnicodeRangeTable(decodeRanges("g4lCaDOFW", true)),
    Anatolian_Hieroglyphs: () => new UnicodeRangeTable(decodeRanges("ggxCmS", true)),
    Arabic: () => new UnicodeRangeTable(decodeRanges("gwBEBCFBCNBCCBCfBCJBMZBCrDBChBBxCvBBxHhBBGqCBCcBxy8BtPBDvEBhBPBxDEBCmEBk7DeBkCFBJIBiBFBh43BDBCaBCBBCDDCJBCDBCCCHFFCECBBBCBBCDDCICBCCDDBCGBCDBCDBCCCBIBCQBGCBCEBCQB1BBB", false)),
    Armenian: () => new UnicodeRangeTable(decodeRanges("xpBlBDxBDCks9BE", true)),
    Avestan: () => new UnicodeRangeTable(decodeRanges("g4iC1BEG", true)),
    Balinese: () => new UnicodeRangeTable(decodeRanges("g4GsCCxB", true)),
    Bamum: () => new UnicodeRangeTable(decodeRanges("g1pB3CpowB4R", true)),
    Bassa_Vah: () => new UnicodeRangeTable(decodeRanges("w26CdDF", true)),
    Batak: () => new UnicodeRangeTable(decodeRanges("g+GzBJD", true)),
    Bengali: () => new UnicodeRangeTable(decodeRanges("gsCDBCHBDBBDVBCGBCEEBCBDIBDBBDDBJFFBCCBDBDYB", false)),
    Beria_Erfe: () => new UnicodeRangeTable(decodeRanges("g17CYDY", true)),
    Bhaiksuki: () => new UnicodeRangeTable(decodeRanges("ggnCICsBCNLc", true)),
    Bopomofo: () => new UnicodeRangeTable(decodeRanges("qXB6wLqBxDf", true)),
    Brahmi: () => new UnicodeRangeTable(decodeRanges("ggkCtCFjBKA", true)),
    Braille: () => new UnicodeRangeTable(decodeRanges("ggK-H", true)),
    Buginese: () => new UnicodeRangeTable(decodeRanges("gwGbDB", true)),
    Buhid: () => new UnicodeRangeTable(decodeRanges("g6FT", true)),
    Canadian_Aboriginal: () => new UnicodeRangeTable(decodeRanges("ggF-TxRlC7tgCP", true)),
    Carian: () => new UnicodeRangeTable(decodeRanges("g1gCwB", true)),
    Caucasian_Albanian: () => new UnicodeRangeTable(decodeRanges("wphCzBMA", true)),
    Chakma: () => new UnicodeRangeTable(decodeRanges("gokC0BCR", true)),
    Cham: () => new UnicodeRangeTable(decodeRanges("gwqB2BKNDJDD", true)),
    Cherokee: () => new UnicodeRangeTable(decodeRanges("g9E1CDFz7lBvC", true)),
    Chorasmian: () => new UnicodeRangeTable(decodeRanges("w9jCb", true)),
    Common: () => new UnicodeRangeTable(decodeRanges("AgCBbFBbuBBCOBCEBYgBgBiOmBBGEBDTB1DKKHCC+THHPEEhB9E9ElQiEiEB6mB6mB2MDBjJwvBwvBBBBoCBBsGBBCumBumBOIIBCBCFBCCBDmYmYBKBD2CBCKBEKBCOBShBB-BlBBCCBDFBCaBCQBqBCBF5UBXKBW-cBhIzTBDpEBhQ9CBzMUBCCCBXBQHBFDB8CBBE7C7CB0E0EBOBhBlBBKxBxBB+BBgBwCBwB5C5CBmFBhuG-BBhoWhBBnDCBmFJB1HhFhFsMPPBzuUzuUBxGxGBIBXiBBCSBCDB0ECCBeBbFBbKBLuBuBBhChCBFBCGBLEBjICBFsBBEIBxCMB0BsBBlHaBltuBDB96D8HBEzNBHWBQQBgDzDB9B1HBLmBBD9BBEQBJBBIdBF8BB2GTBNTBN2CBKYBoE0CBCmCBCBBDDDBDDBCBCLBCCCBFBCgCBCDBDHBCGBCbBCDBCEBCEEBFBCzKBDjJBDxBByjFjCBtC8BBjWrBBFjDBNOBDOBCOBCkBBLtFB5BZBCBBOrBBFIBIBBPFB7E4eBEQBEMBE5GBHLBFQQBKBF3BBJJBHnBBJdBDLBFBBPIBoB3KBJNBDMBEKBE4BBCFFBOBDLBFJBIyEBCmDBnghYffB+CB", false)),
    Coptic: () => new UnicodeRangeTable(decodeRanges("ifNxkKzDGG", true)),
    Cuneiform: () => new UnicodeRangeTable(decodeRanges("ggoC5cnDuDCEMjG", true)),
    Cypriot: () => new UnicodeRangeTable(decodeRanges("ggiCFBDCCBqBBCBBEDD", false)),
    Cypro_Minoan: () => new UnicodeRangeTable(decodeRanges("w8rCiD", true)),
    Cyrillic: () => new UnicodeRangeTable(decodeRanges("ggBkEBDoFBx6FKBhFtCtCojEfBhie-CBv8VBBhw4B9BBiBAB", false)),
    Deseret: () => new UnicodeRangeTable(decodeRanges("gghCvC", true)),
    Devanagari: () => new UnicodeRangeTable(decodeRanges("goCwCFODZh7nBfhwcJ", true)),
    Dives_Akuru: () => new UnicodeRangeTable(decodeRanges("gomCGBDDDBGBCBBCdBCBBDLBKJB", false)),
    Dogra: () => new UnicodeRangeTable(decodeRanges("ggmC7B", true)),
    Duployan: () => new UnicodeRangeTable(decodeRanges("ggvDqDGMEIIJDD", true)),
    Egyptian_Hieroglyphs: () => new UnicodeRangeTable(decodeRanges("ggsC1iBL68D", true)),
    Elbasan: () => new UnicodeRangeTable(decodeRanges("gohCnB", true)),
    Elymaic: () => new UnicodeRangeTable(decodeRanges("g-jCW", true)),
    Ethiopic: () => new UnicodeRangeTable(decodeRanges("gwEoCBCDBDGBCCCBCBDoBBCDBDgBBCDBDGBCCCBCBDOBC4BBCDBDiCBDfBEZBnvGWBKGBCGBCGBCGBCGBCGBCGBCGBjpfFBDFBDFBKGBCGBylvCGBCDBCBBCOB", false)),
    Garay: () => new UnicodeRangeTable(decodeRanges("gqjClBEcJB", true)),
    Georgian: () => new UnicodeRangeTable(decodeRanges("glElBBCGGDqBBCDBx8CqBBDCBhiElBBCGG", false)),
    Glagolitic: () => new UnicodeRangeTable(decodeRanges("ggL-Ch9sDGCQDGCBCE", true)),
    Gothic: () => new UnicodeRangeTable(decodeRanges("w5gCa", true)),
    Grantha: () => new UnicodeRangeTable(decodeRanges("g4kCDBCHBDBBDVBCGBCBBCEBDIBDBBDCBDHHGGBDGBEEB", false)),
    Greek: () => new UnicodeRangeTable(decodeRanges("wbDBCCBDDBCFFCCCBBBCCCBSBC+BBPPBnpGEBzBEBFEB1ChKhKBUBDFBDlBBDFBDHBCGCBdBD0BBCOBCNBDFBCSBDCBCIBoJ-xiB-xiB7uVuCBSgj0Bgj0BBkCB", false)),
    Gujarati: () => new UnicodeRangeTable(decodeRanges("h0CCBCIBCCBCVBCGBCBBCEBDJBCCBCCBDQQBCBDLBIGB", false)),
    Gunjala_Gondi: () => new UnicodeRangeTable(decodeRanges("grnCFCBCkBCBCFIJ", true)),
    Gurmukhi: () => new UnicodeRangeTable(decodeRanges("hwCCBCFBFBBDVBCGBCBBCBBCBBDCCBDBFBBDCBEIIBCBCIIBPB", false)),
    Gurung_Khema: () => new UnicodeRangeTable(decodeRanges("go4C5B", true)),
    Han: () => new UnicodeRangeTable(decodeRanges("g0LZBC4CBN1GBwBCCaIBPDBle-tGBhC-vUBhoWtLBDpDBpodBBNGBqgkB-2pBBhB9oEBDt0FBDwpHBQtTBjtC9QBjvBq6EBGppIB", false)),
    Hangul: () => new UnicodeRangeTable(decodeRanges("goE-HvxHBiI9CyDeiCei3dckUj9KNWFwBl9JeEFDFDFDC", true)),
    Hanifi_Rohingya: () => new UnicodeRangeTable(decodeRanges("gojCnBJJ", true)),
    Hanunoo: () => new UnicodeRangeTable(decodeRanges("g5FU", true)),
    Hatran: () => new UnicodeRangeTable(decodeRanges("gniCSCBGE", true)),
    Hebrew: () => new UnicodeRangeTable(decodeRanges("xsB2BBJaBFFBpp9BZBCEBCCCBCCBCCBIB", false)),
    Hiragana: () => new UnicodeRangeTable(decodeRanges("hiM1CBHCBi7-C+IBTeeBBBulQAB", false)),
    Imperial_Aramaic: () => new UnicodeRangeTable(decodeRanges("giiCVCI", true)),
    Inherited: () => new UnicodeRangeTable(decodeRanges("gYvDB2IBBlOKBbhXhXBCB8qEtBBDLBlPCBCMBCGBFHHEBBnG-BBtQBBjGgBB65DDBsDBBmrzBPBRNBwejHjH7iEl+uBl+uBBsBBDWBhRCBSHBDGBfDBz6rYvHB", false)),
    Inscriptional_Pahlavi: () => new UnicodeRangeTable(decodeRanges("g7iCSGH", true)),
    Inscriptional_Parthian: () => new UnicodeRangeTable(decodeRanges("g6iCVDH", true)),
    Javanese: () => new UnicodeRangeTable(decodeRanges("gsqBtCDJFB", true)),
    Kaithi: () => new UnicodeRangeTable(decodeRanges("gkkCiCLA", true)),
    Kannada: () => new UnicodeRangeTable(decodeRanges("gkDMCCCWCJCEDICCCDIBGCCDDJCC", true)),
    Katakana: () => new UnicodeRangeTable(decodeRanges("hlM5CBDCBxHPBxGuBBC3CBvgzBJBCsBBzisBDBCGBCBBCgJgJBBBzBPPBCB", false)),
    Kawi: () => new UnicodeRangeTable(decodeRanges("g4nCQCoBEc", true)),
    Kayah_Li: () => new UnicodeRangeTable(decodeRanges("goqBtBCA", true)),
    Kharoshthi: () => new UnicodeRangeTable(decodeRanges("gwiCDCBGHCCCcDCFJII", true)),
    Khitan_Small_Script: () => new UnicodeRangeTable(decodeRanges("k-7C84G84GB0OBqBAB", false)),
    Khmer: () => new UnicodeRangeTable(decodeRanges("g8F9CDJHJnPf", true)),
    Khojki: () => new UnicodeRangeTable(decodeRanges("gwkCRCuB", true)),
    Khudawadi: () => new UnicodeRangeTable(decodeRanges("w1kC6BGJ", true)),
    Kirat_Rai: () => new UnicodeRangeTable(decodeRanges("gq7C5B", true)),
    Lao: () => new UnicodeRangeTable(decodeRanges("h0DBBCCCBDBCXBCCCBVBDEBCCCBFBCJBDDB", false)),
    Latin: () => new UnicodeRangeTable(decodeRanges("hCZBHZBwBQQGWBCeBCgOBoBEB8wGlBBHwBBGDBGMBClCBiC-HByLOORMBuEBBHccSoBB42CfBj1elDBExCBVOBxZqBBCIBCDB38TGB7gBZBHZBmhCFBCpBBCIBm61BeBHFB", false)),
    Lepcha: () => new UnicodeRangeTable(decodeRanges("ggH3BEOEC", true)),
    Limbu: () => new UnicodeRangeTable(decodeRanges("goGeBCLBFLBFEEBKB", false)),
    Linear_A: () => new UnicodeRangeTable(decodeRanges("gwhC2JKVLH", true)),
    Linear_B: () => new UnicodeRangeTable(decodeRanges("gggCLCZCSCBCODNjB6D", true)),
    Lisu: () => new UnicodeRangeTable(decodeRanges("wmpBvBx1eA", true)),
    Lycian: () => new UnicodeRangeTable(decodeRanges("g0gCc", true)),
    Lydian: () => new UnicodeRangeTable(decodeRanges("gpiCZGA", true)),
    Mahajani: () => new UnicodeRangeTable(decodeRanges("wqkCmB", true)),
    Makasar: () => new UnicodeRangeTable(decodeRanges("g3nCY", true)),
    Malayalam: () => new UnicodeRangeTable(decodeRanges("goDMCCCyBCCCFFPDZ", true)),
    Mandaic: () => new UnicodeRangeTable(decodeRanges("giCbDA", true)),
    Manichaean: () => new UnicodeRangeTable(decodeRanges("g2iCmBFL", true)),
    Marchen: () => new UnicodeRangeTable(decodeRanges("wjnCfDVCN", true)),
    Masaram_Gondi: () => new UnicodeRangeTable(decodeRanges("gonCGBCBBCrBBECCBCCBHBJJB", false)),
    Medefaidrin: () => new UnicodeRangeTable(decodeRanges("gy7C6C", true)),
    Meetei_Mayek: () => new UnicodeRangeTable(decodeRanges("g3qBWqGtBDJ", true)),
    Mende_Kikakui: () => new UnicodeRangeTable(decodeRanges("gg6DkGDP", true)),
    Meroitic_Cursive: () => new UnicodeRangeTable(decodeRanges("gtiCXFTDtB", true)),
    Meroitic_Hieroglyphs: () => new UnicodeRangeTable(decodeRanges("gsiCf", true)),
    Miao: () => new UnicodeRangeTable(decodeRanges("g47CqCF4BIQ", true)),
    Modi: () => new UnicodeRangeTable(decodeRanges("gwlCkCMJ", true)),
    Mongolian: () => new UnicodeRangeTable(decodeRanges("ggGBBDCCBSBH4CBIqBB2t-BMB", false)),
    Mro: () => new UnicodeRangeTable(decodeRanges("gy6CeCJFB", true)),
    Multani: () => new UnicodeRangeTable(decodeRanges("g0kCGBCCCBCBCOBCKB", false)),
    Myanmar: () => new UnicodeRangeTable(decodeRanges("ggE-EhqmBeiDfxibT", true)),
    Nabataean: () => new UnicodeRangeTable(decodeRanges("gkiCeJI", true)),
    Nag_Mundari: () => new UnicodeRangeTable(decodeRanges("wm5DpB", true)),
    Nandinagari: () => new UnicodeRangeTable(decodeRanges("gtmCHDtBDK", true)),
    New_Tai_Lue: () => new UnicodeRangeTable(decodeRanges("gsGrBFZHKEB", true)),
    Newa: () => new UnicodeRangeTable(decodeRanges("gglC7CCE", true)),
    Nko: () => new UnicodeRangeTable(decodeRanges("g+B6BDC", true)),
    Nushu: () => new UnicodeRangeTable(decodeRanges("h-7CvsQvsQBqMB", false)),
    Nyiakeng_Puachue_Hmong: () => new UnicodeRangeTable(decodeRanges("go4DsBENDJFB", true)),
    Ogham: () => new UnicodeRangeTable(decodeRanges("g0Fc", true)),
    Ol_Chiki: () => new UnicodeRangeTable(decodeRanges("wiHvB", true)),
    Ol_Onal: () => new UnicodeRangeTable(decodeRanges("wu5DqBFA", true)),
    Old_Hungarian: () => new UnicodeRangeTable(decodeRanges("gkjCyBOyBIF", true)),
    Old_Italic: () => new UnicodeRangeTable(decodeRanges("g4gCjBKC", true)),
    Old_North_Arabian: () => new UnicodeRangeTable(decodeRanges("g0iCf", true)),
    Old_Permic: () => new UnicodeRangeTable(decodeRanges("w6gCqB", true)),
    Old_Persian: () => new UnicodeRangeTable(decodeRanges("g9gCjBFN", true)),
    Old_Sogdian: () => new UnicodeRangeTable(decodeRanges("g4jCnB", true)),
    Old_South_Arabian: () => new UnicodeRangeTable(decodeRanges("gziCf", true)),
    Old_Turkic: () => new UnicodeRangeTable(decodeRanges("ggjCoC", true)),
    Old_Uyghur: () => new UnicodeRangeTable(decodeRanges("w7jCZ", true)),
    Oriya: () => new UnicodeRangeTable(decodeRanges("h4CCCHDBDVCGCBCEDIDBDCICFBCEDR", true)),
    Osage: () => new UnicodeRangeTable(decodeRanges("wlhCjBFjB", true)),
    Osmanya: () => new UnicodeRangeTable(decodeRanges("gkhCdDJ", true)),
    Pahawh_Hmong: () => new UnicodeRangeTable(decodeRanges("g46ClCLJCGCUGS", true)),
    Palmyrene: () => new UnicodeRangeTable(decodeRanges("gjiCf", true)),
    Pau_Cin_Hau: () => new UnicodeRangeTable(decodeRanges("g2mC4B", true)),
    Phags_Pa: () => new UnicodeRangeTable(decodeRanges("giqB3B", true)),
    Phoenician: () => new UnicodeRangeTable(decodeRanges("goiCbEA", true)),
    Psalter_Pahlavi: () => new UnicodeRangeTable(decodeRanges("g8iCRIDNG", true)),
    Rejang: () => new UnicodeRangeTable(decodeRanges("wpqBjBMA", true)),
    Runic: () => new UnicodeRangeTable(decodeRanges("g1FqCEK", true)),
    Samaritan: () => new UnicodeRangeTable(decodeRanges("ggCtBDO", true)),
    Saurashtra: () => new UnicodeRangeTable(decodeRanges("gkqBlCJL", true)),
    Sharada: () => new UnicodeRangeTable(decodeRanges("gskC-ChsCH", true)),
    Shavian: () => new UnicodeRangeTable(decodeRanges("wihCvB", true)),
    Siddham: () => new UnicodeRangeTable(decodeRanges("gslC1BDlB", true)),
    Sidetic: () => new UnicodeRangeTable(decodeRanges("gqiCZ", true)),
    SignWriting: () => new UnicodeRangeTable(decodeRanges("gg2DrUQECO", true)),
    Sinhala: () => new UnicodeRangeTable(decodeRanges("hsDCBCRBEXBCIBCDDBFBEFFBEBCCCBGBHJBDCBt-gCTB", false)),
    Sogdian: () => new UnicodeRangeTable(decodeRanges("w5jCpB", true)),
    Sora_Sompeng: () => new UnicodeRangeTable(decodeRanges("wmkCYIJ", true)),
    Soyombo: () => new UnicodeRangeTable(decodeRanges("wymCyC", true)),
    Sundanese: () => new UnicodeRangeTable(decodeRanges("g8G-BhIH", true)),
    Sunuwar: () => new UnicodeRangeTable(decodeRanges("g+mChBPJ", true)),
    Syloti_Nagri: () => new UnicodeRangeTable(decodeRanges("ggqBsB", true)),
    Syriac: () => new UnicodeRangeTable(decodeRanges("g4BNC7BDCxIK", true)),
    Tagalog: () => new UnicodeRangeTable(decodeRanges("g4FVKA", true)),
    Tagbanwa: () => new UnicodeRangeTable(decodeRanges("g7FMCCCB", true)),
    Tai_Le: () => new UnicodeRangeTable(decodeRanges("wqGdDE", true)),
    Tai_Tham: () => new UnicodeRangeTable(decodeRanges("gxG+BCcDKHJHN", true)),
    Tai_Viet: () => new UnicodeRangeTable(decodeRanges("g0qBiCZE", true)),
    Tai_Yo: () => new UnicodeRangeTable(decodeRanges("g25DeCVJB", true)),
    Takri: () => new UnicodeRangeTable(decodeRanges("g0lC5BHJ", true)),
    Tamil: () => new UnicodeRangeTable(decodeRanges("i8CBBCFBECBCDBEBBCCCBEEBEEBBBELBFEBECBCDBDHHPUBm+kCxBBOAB", false)),
    Tangsa: () => new UnicodeRangeTable(decodeRanges("wz6CuCCJ", true)),
    Tangut: () => new UnicodeRangeTable(decodeRanges("g-7CgBgBB+3GBhQeBiDyDB", false)),
    Telugu: () => new UnicodeRangeTable(decodeRanges("ggDMCCCWCPDICCCDIBCCCBDDDJII", true)),
    Thaana: () => new UnicodeRangeTable(decodeRanges("g8BxB", true)),
    Thai: () => new UnicodeRangeTable(decodeRanges("hwD5BGb", true)),
    Tibetan: () => new UnicodeRangeTable(decodeRanges("g4DnCCjBFmBCjBCOCGFB", true)),
    Tifinagh: () => new UnicodeRangeTable(decodeRanges("wpL3BIBPA", true)),
    Tirhuta: () => new UnicodeRangeTable(decodeRanges("gklCnCJJ", true)),
    Todhri: () => new UnicodeRangeTable(decodeRanges("guhCzB", true)),
    Tolong_Siki: () => new UnicodeRangeTable(decodeRanges("wtnCrBFJ", true)),
    Toto: () => new UnicodeRangeTable(decodeRanges("w04De", true)),
    Tulu_Tigalari: () => new UnicodeRangeTable(decodeRanges("g8kCJBCDDClBBCJBCDDCDBCJBCBBJBB", false)),
    Ugaritic: () => new UnicodeRangeTable(decodeRanges("g8gCdCA", true)),
    Unknown: () => new UnicodeRangeTable(decodeRanges("4bBBHDBICCVuMuMnBBBzBBBE4B4BBGBcDBHKBvI9B9BBmDmDBMB8BBByBBBQddBCCMEBjBEBuHJJBDDBXXICCBBBFBBKBBDBBFHBCDBDGGBaaBEEHDBDBBXIIDGDBCCGDBDBBECBCGBFCCBFBSJBEKKEXXIDDGBBLIEBCCBNBFBBNGBIEEJBBDBBXIIDGGBKKBDDBEEBFBEDBDGGBTTBIBDHHBBBEFFBBBDCCDCBDCBECBNDBGCBEFFBCCBEBCNBWEBOEEYRRBKKEFFBFBDEEDBBFBBLGBXEEYLLGBBKEEFGBDEBEFFBLLELBOEE0BEEHDBRBBbEETCBZKKCBBICBCDBHCCJFBLBBELB7BDBekBBDCCGZZCYYBGGCIILBBFfBpClBlBBCBoBlBlBQOOBjBBnGCCBDBCBB6LFFBIICFFBqBqBFBBiBFFBIICFFBQQ6BFFBkCkCBhBhBBBBbFB3CBBHBB+UCB6CGBXIBZIBVLBOEEDLB-CBBLFBLFBbFB6CGBsBEBnCJBgBNNBCBNDBCCBrBBBGKBtBDBbFBMCB-BBBiCeeBMMBEBLFBPBBvBBBNTBuCnFnFBGB9BCBQCB-BEBsBBBMHBsBEB3QBBHBBnBBBHBBJGCgBBB2BQQPBBHUUBEEKmDmDNBBcOOBBBjBNBiBOBtEDB7UVBMUB14BBB-LEBuBCCBDBCBB5BGBDNBZIBI4BI-DhBBb6C6CBKB3GZBxC3C3CBoDoDBDBsB-C-C3CIBxBuzcuzcBBB4BIB9KTB5FHB+GTB9BCBLFB5BHBnCHBNFB1DKBfCBvCMMBCBiB4B4BBHBPBBLBBoDXBdJBHBBHBBHIBIII9BDB-DBBLFBl9KLBYDByBjoIBvLBBrDlBBILBGEBbGGCGDrUfBrBFB0BUUFDBGoEoEBCC-FCBHBBHBBHBBECBIIIBIBGBBNbbUDDQBBPhBB8DEBEDBuBCB5COOBBBCuBBvBhEBeCByBOBdDBlBIBfEBsBEBfmBmBBCBPpBB-EBBLFBlBDBlBDBpBHB1BKBNQQIDDMQQIDDBBB1BLB4JIBXJBJXBHrBrBKkCBHBBCtBtBDCBCBBYpCpCBGBKvBBUDDBDBiBCBcEBclBB5BDBVBBzBDDBDBJEEeBBEDBLGBKGBhCfBoBDBNIB3BCBeBBcEBbGBFLBIvCBqC2BB0BMB0BGBvBHBLFBnBCBeHBDvGBgBrBrBEBBDPBHHBKgBBvBHBrBVBblBBdTBYIBvCDBlBIBlCJBCBBaGBLFB2BTTBGBoBIBhDVVBJBTwBwBB8BBICCFQQMFB8BEBLFBFJJBDDBXXIDDGLLBDDBEEBCCBEBCEBIBBICBGKBLCCBCCnBLLCBBCFFLDDBGBDcB9CGGBcBpCHBLlFB3BBBnBhBBmCKBLFBOSB7BFBLFBVbBcBBQDBY4FB9BjDB0CLBJBBCBBJDDfDDBNNBHBLlCBJBBvBBBMaBpCHB0CMBqCGBL1CBJ3CBjBNBLFBKuBuBPJBeCBhBBBXPPBnCBIDDtBCBCDDKHBLFBHDDmBDDHGBLFBtBDBL1HBaGBSqBqBBBBe0CBCOBzBMB8clDBwDGGBJBlGryCBkDMB3iBJB88DEBoS41GB7Bl2BB6RGBgBLLBCByCLLBEBfBBHJBnCJBLIIWEBUvNB7BlGB8CEBaBBarBBsCDB6BGBS-BBGKBIIB3mHoBBhBgDB0D8vIBFIIDkJkJBNBCcBEBBCNBFHBtMjoCBsDEBOCBKGBLBBJ76DB+HCB1NFBYOBSOBvBBBYIB1D7BB3HJBoBBBjGUBnC5DBVLBVLB4CIBamEB2CoCoCDBBCBBDBBFNNCIIiCFFBJJIddFGGCCBI1K1KBlJlJB-V-VBNBGQQBuiBBgBFBH0GBISSBIIDGGBDB-BgBBCvDBuBCBPBBLDBD-JBgBQB7BEBCvOBrB1GBsBDBC-FBgBXXBGBD-GBIFFDQQmGBBRoBBtCDBLDBDwYBlCrCB+BhGBFccDCCBCCLFFCCCBEBCDBCECEDDCBBCICDCCBFFIKFCLLSEBEGGSzBBDtIBtBDBlDLBQBBQQQmBJBvF3BBeMBtBDBKGBDNBH5EB6eCBSCBOCB7GFBNDBCOBNDB5BHBLFBpBHBfBBNDBDNBKmBB5KHBPBBOCBMCB6BCCBCBRBBNDBLGB0EoDoDBjgBBh3pBfB-oEBBv0FBBypHOBvThtCB-QhvBBs6EEBrpIm8yVBCdBhD-DBxHvw-FB", false)),
    Vai: () => new UnicodeRangeTable(decodeRanges("gopBrJ", true)),
    Vithkuqi: () => new UnicodeRangeTable(decodeRanges("wrhCKCOCGCBCKCOCGCB", true)),
    Wancho: () => new UnicodeRangeTable(decodeRanges("g24D5BGA", true)),
    Warang_Citi: () => new UnicodeRangeTable(decodeRanges("glmCyCNA", true)),
    Yezidi: () => new UnicodeRangeTable(decodeRanges("g0jCpBCCDB", true)),
    Yi: () => new UnicodeRangeTable(decodeRanges("ggoBskBE2B", true)),
    Zanabazar_Square: () => new UnicodeRangeTable(decodeRanges("gwmCnC", true))
  });
  static FOLD_CATEGORIES = new LazyMap({
    L: () => new UnicodeRangeTable(decodeRanges("laA", true)),
    LC: () => new UnicodeRangeTable(decodeRanges("laA", true)),
    Ll: () => new UnicodeRangeTable(decodeRanges("hCZBmDWBCGBiBuBCEECDOCDuBCBECEBBCCCBCCBBBDDBCBBCCBEBBCBBCECBCCDCCBCCBBBCCCBEEIBBCBBCBBCOCDQCDBBCCCBBBC4BCIBBCBBDCCBCBCGC3HrBrBCEEJHHCCBCCCBCCBPBCIBkBJJCUCGDDCBBDyBBxBgBCK2BCBMCD+CCDlBBq6ClBBCGGzW1CB0kCHHBpBBDCBhK0ECKgDCKHBJFBLHBJHBJFBMGCJHBZHBJHBJHBJEBMEBMDBNEBMEBqJEEBHHxC9zC9zCBuBBxBCCBBBDGCBCBCDDJCBCgDCJCCFuqeuqeCqBCUaCoEMCE8BCLECBICFCCDCCEUCBDBCEBCOCBCBCCCBQCZs5Vs5VBYBmmBnBBpEjBB9EKBCOBCGBCBBr3ByBB+EVB75CfBhsVfBhCYBoyehBB", false)),
    Lt: () => new UnicodeRangeTable(decodeRanges("kOCCBCCBCClBCCtsHHBJHBJHBMQQwBAB", false)),
    Lu: () => new UnicodeRangeTable(decodeRanges("hDZB7BqBqBBWBCHBCuBCEECDOCDsBCDECBBBDCCDEEGDDECBDDDCCCDFFDEECDDECCGBBCBBCBBCOCBSCDBBCEECkBCEQCJDDBCCFICBEBCBBCCCBEEBCCBCBCEBDCCBDDIDDCBBEFBGLLBnFnFsBCCEEEBBBvBDBCdBCBBECBCWCBDBCGD1BvBBCgBCK0BCDMCBgDCyBlBBq6CqBBDCB5XFBjkCIBCvHvHERRzD0ECGGGC8CCBHBJFBLHBJHBJFBMGCJHBJNBzBBBNSSBPPBEEpL2B2Bs1CvBBCEEBGCHDDLiDCJCCFNNBkBBCGG0oesBCUaCoEMCE8BCLCCDICFFFCBBDSCMOCFCCDOCb9a9advCBi8UZBumBnBBpEjBB8EKBCOBCGBCBBk4ByBB+DVB75CfBhsVfB8BYBvyehBB", false)),
    M: () => new UnicodeRangeTable(decodeRanges("5cgBgBlgHAB", false)),
    Mn: () => new UnicodeRangeTable(decodeRanges("5cgBgBlgHAB", false)),
    Emoji: () => new UnicodeRangeTable(decodeRanges("8mJA", true)),
    Extended_Pictographic: () => new UnicodeRangeTable(decodeRanges("8mJA", true)),
    Lowercase: () => new UnicodeRangeTable(decodeRanges("hCZBmDWBCGBiBuBCEECDOCDuBCBECEBBCCCBCCBBBDDBCBBCCBEBBCBBCECBCCDCCBCCBBBCCCBEEIBBCBBCBBCOCDQCDBBCCCBBBC4BCIBBCBBDCCBCBCGCiJCCEJJHCCBBBCCCBCCBPBCIBkBJJCUCGDDCBBDyBBxBgBCK2BCBMCD+CCDlBBq6ClBBCGGzW1CB0kCHHBpBBDCBhK0ECKgDCKHBJFBLHBJHBJFBMGCJHBZHBJHBJHBJEBMEBMDBNEBMEBqJEEBHHuBPBUzZzZBYBx5BvBBxBCCBBBDGCBCBCDDJCBCgDCJCCFuqeuqeCqBCUaCoEMCE8BCLECBICFCCDCCEUCBDBCEBCOCBCBCCCBQCZs5Vs5VBYBmmBnBBpEjBB9EKBCOBCGBCBBr3ByBB+EVB75CfBhsVfBhCYBoyehBB", false)),
    Math: () => new UnicodeRangeTable(decodeRanges("ycGDCHHFMMDDDCHHFAB", false)),
    Uppercase: () => new UnicodeRangeTable(decodeRanges("hDZB7BqBqBBWBCHBCuBCEECDOCDsBCDECBBBDCCDEEGDDECBDDDCCCDFFDEECDDECCGBBCBBCBBCOCBSCDBBCEECkBCEQCJDDBCCFICBEBCBBCCCBEEBCCBCBCEBDCCBDDIDDCBBEFBGLLBnFnFsBCCEEEBBBvBDBCdBCBBECBCWCBDBCGD1BvBBCgBCK0BCDMCBgDCyBlBBq6CqBBDCB5XFBjkCIBCvHvHERRzD0ECGGGC8CCBHBJFBLHBJHBJFBMGCJHBJNBzBBBNSSBPPBEEpLiBiBBOBFsasaBYBn6BvBBCEEBGCHDDLiDCJCCFNNBkBBCGG0oesBCUaCoEMCE8BCLCCDICFFFCBBDSCMOCFCCDOCb9a9advCBi8UZBumBnBBpEjBB8EKBCOBCGBCBBk4ByBB+DVB75CfBhsVfB8BYBvyehBB", false))
  });
  static FOLD_SCRIPT = new LazyMap({
    Common: () => new UnicodeRangeTable(decodeRanges("8cgBgB", false)),
    Greek: () => new UnicodeRangeTable(decodeRanges("1FwUwU", false)),
    Inherited: () => new UnicodeRangeTable(decodeRanges("5cgBgBlgHAB", false))
  });
};
var Unicode = class Unicode2 {
  static MAX_RUNE = 1114111;
  static RUNE_ERROR = 65533;
  static isUnsearchable(r) {
    return r === Unicode2.RUNE_ERROR || r >= Unicode2.MIN_HIGH_SURROGATE && r <= Unicode2.MAX_LOW_SURROGATE;
  }
  static MAX_ASCII = 127;
  static MAX_LATIN1 = 255;
  static MAX_BMP = 65535;
  static MIN_FOLD = 65;
  static MAX_FOLD = 125251;
  static MIN_HIGH_SURROGATE = 55296;
  static MAX_HIGH_SURROGATE = 56319;
  static MIN_LOW_SURROGATE = 56320;
  static MAX_LOW_SURROGATE = 57343;
  static MIN_SUPPLEMENTARY_CODE_POINT = 65536;
  static is32(ranges, r) {
    let lo = 0;
    let hi = ranges.length;
    while (lo < hi) {
      const m = lo + Math.floor((hi - lo) / 2);
      const rlo = ranges.getLo(m);
      const rhi = ranges.getHi(m);
      if (rlo <= r && r <= rhi) {
        const stride = ranges.getStride(m);
        return (r - rlo) % stride === 0;
      }
      if (r < rlo) hi = m;
      else lo = m + 1;
    }
    return false;
  }
  static is(ranges, r) {
    if (r <= Unicode2.MAX_LATIN1) {
      for (let i = 0; i < ranges.length; i++) {
        if (r > ranges.getHi(i)) continue;
        const rlo = ranges.getLo(i);
        if (r < rlo) return false;
        const stride = ranges.getStride(i);
        return (r - rlo) % stride === 0;
      }
      return false;
    }
    return ranges.length > 0 && r >= ranges.getLo(0) && Unicode2.is32(ranges, r);
  }
  static isPrint(r) {
    if (r <= Unicode2.MAX_LATIN1) return r >= 32 && r < Unicode2.MAX_ASCII || r >= 161 && r !== 173;
    return Unicode2.is(UnicodeTables.Print, r);
  }
  static simpleFold(r) {
    if (UnicodeTables.CASE_ORBIT.has(r)) return UnicodeTables.CASE_ORBIT.get(r);
    if (r <= Unicode2.MAX_ASCII) {
      const l = Codepoint.toLowerCase(r);
      return l !== r ? l : Codepoint.toUpperCase(r);
    }
    return r;
  }
  static equalsIgnoreCase(r1, r2) {
    if (r1 === r2) return true;
    if (r1 < 0 || r2 < 0) return false;
    if (r1 <= Unicode2.MAX_ASCII && r2 <= Unicode2.MAX_ASCII) {
      if (65 <= r1 && r1 <= 90) r1 |= 32;
      if (65 <= r2 && r2 <= 90) r2 |= 32;
      return r1 === r2;
    }
    for (let r = Unicode2.simpleFold(r1); r !== r1; r = Unicode2.simpleFold(r)) if (r === r2) return true;
    return false;
  }
};
var RE2JSException = class extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "RE2JSException";
  }
};
var RE2JSSyntaxException = class extends RE2JSException {
  /**
  * @param {string} error
  * @param {string|null} [input=null]
  */
  constructor(error, input = null) {
    let message = `error parsing regexp: ${error}`;
    if (input) message += `: \`${input}\``;
    super(message);
    this.name = "RE2JSSyntaxException";
    this.message = message;
    this.error = error;
    this.input = input;
  }
  /**
  * Retrieves the description of the error.
  * @returns {string}
  */
  getDescription() {
    return this.error;
  }
  /**
  * Retrieves the erroneous regular-expression pattern.
  * @returns {string|null}
  */
  getPattern() {
    return this.input;
  }
};
var RE2JSCompileException = class extends RE2JSException {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "RE2JSCompileException";
  }
};
var RE2JSGroupException = class extends RE2JSException {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "RE2JSGroupException";
  }
};
var RE2JSFlagsException = class extends RE2JSException {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "RE2JSFlagsException";
  }
};
var RE2JSInternalException = class extends RE2JSException {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "RE2JSInternalException";
  }
};
var FAST_PATH_TABLE_SIZE = 256;
var WORD_RUNE_TABLE = new Uint8Array(FAST_PATH_TABLE_SIZE);
for (let i = 0; i < FAST_PATH_TABLE_SIZE; i++) WORD_RUNE_TABLE[i] = 97 <= i && i <= 122 || 65 <= i && i <= 90 || 48 <= i && i <= 57 || i === 95 ? 1 : 0;
var cachedNativeEncoder = null;
var cachedNativeDecoder = null;
var Utils = class Utils2 {
  static METACHARACTERS = "\\.+*?()|[]{}^$";
  static EMPTY_BEGIN_LINE = 1;
  static EMPTY_END_LINE = 2;
  static EMPTY_BEGIN_TEXT = 4;
  static EMPTY_END_TEXT = 8;
  static EMPTY_WORD_BOUNDARY = 16;
  static EMPTY_NO_WORD_BOUNDARY = 32;
  static EMPTY_ALL = -1;
  static emptyInts() {
    return [];
  }
  static isString(value) {
    return typeof value === "string" || Object.prototype.toString.call(value) === "[object String]";
  }
  static typeName(value) {
    if (value === null || typeof value !== "object" && typeof value !== "function") return value === null ? "null" : typeof value;
    return Object.prototype.toString.call(value).slice(8, -1);
  }
  static checkPattern(pattern) {
    if (!Utils2.isString(pattern)) throw new TypeError(`The pattern must be a string, not ${Utils2.typeName(pattern)} (RE2JS.translateRegExp() converts a RegExp)`);
  }
  static checkInput(input) {
    if (!Utils2.isString(input) && !Utils2.isByteArray(input)) throw new TypeError(`The input must be a string or a byte array (Uint8Array or number[]), not ${Utils2.typeName(input)}`);
  }
  static checkFlags(flags) {
    const known = PublicFlags.MULTILINE | PublicFlags.DOTALL | PublicFlags.CASE_INSENSITIVE | PublicFlags.DISABLE_UNICODE_GROUPS | PublicFlags.LONGEST_MATCH | PublicFlags.LOOKBEHINDS;
    if (!Number.isInteger(flags) || (flags & ~known) !== 0) throw new RE2JSFlagsException("Flags should only be a combination of MULTILINE, DOTALL, CASE_INSENSITIVE, DISABLE_UNICODE_GROUPS, LONGEST_MATCH, LOOKBEHINDS");
  }
  static isByteArray(input) {
    return Array.isArray(input) || Object.prototype.toString.call(input) === "[object Uint8Array]";
  }
  static isalnum(c) {
    return Codepoint.CODES["0"] <= c && c <= Codepoint.CODES["9"] || Codepoint.CODES["a"] <= c && c <= Codepoint.CODES["z"] || Codepoint.CODES["A"] <= c && c <= Codepoint.CODES["Z"];
  }
  static unhex(c) {
    if (Codepoint.CODES["0"] <= c && c <= Codepoint.CODES["9"]) return c - Codepoint.CODES["0"];
    if (Codepoint.CODES["a"] <= c && c <= Codepoint.CODES["f"]) return c - Codepoint.CODES["a"] + 10;
    if (Codepoint.CODES["A"] <= c && c <= Codepoint.CODES["F"]) return c - Codepoint.CODES["A"] + 10;
    return -1;
  }
  static escapeRune(rune) {
    let out = "";
    if (Unicode.isPrint(rune)) {
      if (Utils2.METACHARACTERS.indexOf(String.fromCodePoint(rune)) >= 0) out += "\\";
      out += String.fromCodePoint(rune);
    } else switch (rune) {
      case Codepoint.CODES['"']:
        out += '\\"';
        break;
      case Codepoint.CODES["\\"]:
        out += "\\\\";
        break;
      case Codepoint.CODES["	"]:
        out += "\\t";
        break;
      case Codepoint.CODES["\n"]:
        out += "\\n";
        break;
      case Codepoint.CODES["\r"]:
        out += "\\r";
        break;
      case Codepoint.CODES["\b"]:
        out += "\\b";
        break;
      case Codepoint.CODES["\f"]:
        out += "\\f";
        break;
      default: {
        let s = rune.toString(16);
        if (rune < 256) {
          out += "\\x";
          if (s.length === 1) out += "0";
          out += s;
        } else out += `\\x{${s}}`;
        break;
      }
    }
    return out;
  }
  static stringToRunes(str) {
    const string = String(str);
    const runes = [];
    let i = 0;
    while (i < string.length) {
      const cp = string.codePointAt(i);
      runes.push(cp);
      i += cp > Unicode.MAX_BMP ? 2 : 1;
    }
    return new Int32Array(runes);
  }
  static runeToString(r) {
    return String.fromCodePoint(r);
  }
  static isWordRune(r) {
    return r < FAST_PATH_TABLE_SIZE ? WORD_RUNE_TABLE[r] === 1 : false;
  }
  static emptyOpContext(r1, r2) {
    let op = 0;
    if (r1 < 0) op |= Utils2.EMPTY_BEGIN_TEXT | Utils2.EMPTY_BEGIN_LINE;
    if (r1 === 10) op |= Utils2.EMPTY_BEGIN_LINE;
    if (r2 < 0) op |= Utils2.EMPTY_END_TEXT | Utils2.EMPTY_END_LINE;
    if (r2 === 10) op |= Utils2.EMPTY_END_LINE;
    if (Utils2.isWordRune(r1) !== Utils2.isWordRune(r2)) op |= Utils2.EMPTY_WORD_BOUNDARY;
    else op |= Utils2.EMPTY_NO_WORD_BOUNDARY;
    return op;
  }
  /**
  * Returns a string that quotes all regular expression metacharacters inside the argument text;
  * the returned string is a regular expression matching the literal text. For example,
  * {@code quoteMeta("[foo]").equals("\\[foo\\]")}.
  * @param {string} str
  * @returns {string}
  */
  static quoteMeta(str) {
    return str.split("").map((s) => {
      if (Utils2.METACHARACTERS.indexOf(s) >= 0) return `\\${s}`;
      return s;
    }).join("");
  }
  static charCount(codePoint) {
    return codePoint > Unicode.MAX_BMP ? 2 : 1;
  }
  /**
  * High-speed conversion from TypedArrays to standard JS Arrays.
  * Bypasses the expensive Symbol.iterator overhead of Array.from()
  */
  static toArray(typedArray) {
    const len = typedArray.length;
    const res = new Array(len);
    for (let i = 0; i < len; i++) res[i] = typedArray[i];
    return res;
  }
  static stringToUtf8ByteArray(str) {
    if (globalThis.TextEncoder) {
      if (!cachedNativeEncoder) cachedNativeEncoder = new TextEncoder();
      return cachedNativeEncoder.encode(str);
    } else {
      let out = [], p = 0;
      for (let i = 0; i < str.length; i++) {
        let c = str.charCodeAt(i);
        if (c < 128) out[p++] = c;
        else if (c < 2048) {
          out[p++] = c >> 6 | 192;
          out[p++] = c & 63 | 128;
        } else if ((c & 64512) === Unicode.MIN_HIGH_SURROGATE && i + 1 < str.length && (str.charCodeAt(i + 1) & 64512) === Unicode.MIN_LOW_SURROGATE) {
          c = Unicode.MIN_SUPPLEMENTARY_CODE_POINT + ((c & 1023) << 10) + (str.charCodeAt(++i) & 1023);
          out[p++] = c >> 18 | 240;
          out[p++] = c >> 12 & 63 | 128;
          out[p++] = c >> 6 & 63 | 128;
          out[p++] = c & 63 | 128;
        } else {
          out[p++] = c >> 12 | 224;
          out[p++] = c >> 6 & 63 | 128;
          out[p++] = c & 63 | 128;
        }
      }
      return out;
    }
  }
  static utf8ByteArrayToString(bytes) {
    if (globalThis.TextDecoder) {
      if (!cachedNativeDecoder) cachedNativeDecoder = new TextDecoder("utf-8");
      const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
      return cachedNativeDecoder.decode(view);
    } else {
      let out = [], pos = 0, c = 0;
      while (pos < bytes.length) {
        let c1 = bytes[pos++];
        if (c1 < 128) out[c++] = String.fromCharCode(c1);
        else if (c1 > 191 && c1 < 224) {
          let c2 = bytes[pos++];
          out[c++] = String.fromCharCode((c1 & 31) << 6 | c2 & 63);
        } else if (c1 > 239 && c1 < 365) {
          let c2 = bytes[pos++];
          let c3 = bytes[pos++];
          let c4 = bytes[pos++];
          let u = ((c1 & 7) << 18 | (c2 & 63) << 12 | (c3 & 63) << 6 | c4 & 63) - Unicode.MIN_SUPPLEMENTARY_CODE_POINT;
          out[c++] = String.fromCharCode(Unicode.MIN_HIGH_SURROGATE + (u >> 10));
          out[c++] = String.fromCharCode(Unicode.MIN_LOW_SURROGATE + (u & 1023));
        } else {
          let c2 = bytes[pos++];
          let c3 = bytes[pos++];
          out[c++] = String.fromCharCode((c1 & 15) << 12 | (c2 & 63) << 6 | c3 & 63);
        }
      }
      return out.join("");
    }
  }
};
var createEnum = (values = [], initNum = 0) => {
  const enumObject = /* @__PURE__ */ Object.create(null);
  for (let i = 0; i < values.length; i++) {
    const val = values[i];
    const keyVal = initNum + i;
    enumObject[val] = keyVal;
    enumObject[keyVal] = val;
  }
  return Object.freeze(enumObject);
};
var MatcherInputBase = class MatcherInputBase2 {
  static Encoding = createEnum(["UTF_16", "UTF_8"]);
  getEncoding() {
    throw Error("not implemented");
  }
  /** @returns {string} */
  asCharSequence() {
    throw Error("not implemented");
  }
  /** @returns {Uint8Array|number[]|null} */
  asBytes() {
    throw Error("not implemented");
  }
  /** @returns {number} */
  length() {
    throw Error("not implemented");
  }
  /**
  *
  * @returns {boolean}
  */
  isUTF8Encoding() {
    return this.getEncoding() === MatcherInputBase2.Encoding.UTF_8;
  }
  /**
  *
  * @returns {boolean}
  */
  isUTF16Encoding() {
    return this.getEncoding() === MatcherInputBase2.Encoding.UTF_16;
  }
};
var Utf8MatcherInput = class extends MatcherInputBase {
  /** @param {Uint8Array|number[]|null} bytes */
  constructor(bytes = null) {
    super();
    this.bytes = bytes;
  }
  getEncoding() {
    return MatcherInputBase.Encoding.UTF_8;
  }
  /**
  *
  * @returns {string}
  */
  asCharSequence() {
    return Utils.utf8ByteArrayToString(this.bytes);
  }
  /**
  *
  * @returns {Uint8Array|number[]|null}
  */
  asBytes() {
    return this.bytes;
  }
  /**
  *
  * @returns {number}
  */
  length() {
    return this.bytes.length;
  }
};
var Utf16MatcherInput = class extends MatcherInputBase {
  /** @param {string|null} charSequence */
  constructor(charSequence = null) {
    super();
    this.charSequence = charSequence;
  }
  getEncoding() {
    return MatcherInputBase.Encoding.UTF_16;
  }
  /**
  *
  * @returns {string}
  */
  asCharSequence() {
    return this.charSequence;
  }
  /**
  *
  * @returns {number[]}
  */
  asBytes() {
    return Utils.stringToUtf8ByteArray(this.charSequence.toString());
  }
  /**
  *
  * @returns {number}
  */
  length() {
    return this.charSequence.length;
  }
};
var MatcherInput = class {
  /**
  * Return the MatcherInput for UTF_16 encoding.
  * @returns {Utf16MatcherInput}
  */
  static utf16(charSequence) {
    Utils.checkInput(charSequence);
    return new Utf16MatcherInput(charSequence);
  }
  /**
  * Return the MatcherInput for UTF_8 encoding.
  * @returns {Utf8MatcherInput}
  */
  static utf8(input) {
    if (Utils.isByteArray(input)) return new Utf8MatcherInput(input);
    return new Utf8MatcherInput(Utils.stringToUtf8ByteArray(input));
  }
};
var MachineInputBase = class {
  static EOF() {
    return -8;
  }
  constructor() {
    this.start = 0;
    this.end = 0;
  }
  canCheckPrefix() {
    return true;
  }
  endPos() {
    return this.end - this.start;
  }
  hasString() {
    return false;
  }
  hasAnyString() {
    return false;
  }
  prefixLength() {
    return 0;
  }
};
var MachineUTF8Input = class MachineUTF8Input2 extends MachineInputBase {
  static RUNE_ERROR_STEP = Unicode.RUNE_ERROR << 3 | 1;
  constructor(bytes, start = 0, end = bytes.length) {
    super();
    this.bytes = bytes;
    this.start = start;
    this.end = end;
  }
  hasString(prefilter, pos) {
    const target = prefilter.bytes;
    if (target.length === 0) return true;
    const idx = this.indexOf(this.bytes, target, this.start + pos);
    return idx !== -1 && idx <= this.end - target.length;
  }
  hasAnyString(prefilter, pos) {
    return prefilter.automaton8().searchUTF8(this.bytes, this.start + pos, this.end);
  }
  step(pos) {
    pos += this.start;
    if (pos >= this.end) return MachineInputBase.EOF();
    const c = this.bytes[pos] & 255;
    if (c < 128) return c << 3 | 1;
    let size;
    let rune;
    let lo = 128;
    let hi = 191;
    if (c >= 194 && c <= 223) {
      size = 2;
      rune = c & 31;
    } else if (c >= 224 && c <= 239) {
      size = 3;
      rune = c & 15;
      if (c === 224) lo = 160;
      else if (c === 237) hi = 159;
    } else if (c >= 240 && c <= 244) {
      size = 4;
      rune = c & 7;
      if (c === 240) lo = 144;
      else if (c === 244) hi = 143;
    } else return MachineUTF8Input2.RUNE_ERROR_STEP;
    if (pos + size > this.end) return MachineUTF8Input2.RUNE_ERROR_STEP;
    const c1 = this.bytes[pos + 1] & 255;
    if (c1 < lo || c1 > hi) return MachineUTF8Input2.RUNE_ERROR_STEP;
    rune = rune << 6 | c1 & 63;
    if (size > 2) {
      const c2 = this.bytes[pos + 2] & 255;
      if ((c2 & 192) !== 128) return MachineUTF8Input2.RUNE_ERROR_STEP;
      rune = rune << 6 | c2 & 63;
      if (size > 3) {
        const c3 = this.bytes[pos + 3] & 255;
        if ((c3 & 192) !== 128) return MachineUTF8Input2.RUNE_ERROR_STEP;
        rune = rune << 6 | c3 & 63;
      }
    }
    return rune << 3 | size;
  }
  index(re2, pos) {
    pos += this.start;
    const i = this.indexOf(this.bytes, re2.prefixUTF8, pos);
    return i < 0 ? i : i - pos;
  }
  context(pos) {
    pos += this.start;
    let r1 = -1;
    if (pos > this.start && pos <= this.end) {
      let start = pos - 1;
      r1 = this.bytes[start--];
      if (r1 >= 128) {
        let lim = pos - 4;
        if (lim < this.start) lim = this.start;
        while (start >= lim && (this.bytes[start] & 192) === 128) start--;
        if (start < this.start) start = this.start;
        const r = this.step(start - this.start);
        r1 = start + (r & 7) === pos ? r >> 3 : Unicode.RUNE_ERROR;
      }
    }
    const r2 = pos < this.end ? this.step(pos - this.start) >> 3 : -1;
    return Utils.emptyOpContext(r1, r2);
  }
  indexOf(source, target, fromIndex = 0) {
    let targetLength = target.length;
    if (targetLength === 0) return fromIndex <= this.end ? fromIndex : -1;
    const firstByte = target[0];
    let limit = this.end - targetLength;
    const hasNativeIndexOf = typeof source.indexOf === "function";
    let i = fromIndex;
    while (i <= limit) {
      if (hasNativeIndexOf) {
        i = source.indexOf(firstByte, i);
        if (i === -1 || i > limit) return -1;
      } else {
        while (i <= limit && source[i] !== firstByte) i++;
        if (i > limit) return -1;
      }
      let match = true;
      for (let j = 1; j < targetLength; j++) if (source[i + j] !== target[j]) {
        match = false;
        break;
      }
      if (match) return i;
      i++;
    }
    return -1;
  }
  prefixLength(re2) {
    return re2.prefixUTF8.length;
  }
};
var MachineUTF16Input = class extends MachineInputBase {
  constructor(charSequence, start = 0, end = charSequence.length) {
    super();
    this.charSequence = charSequence;
    this.start = start;
    this.end = end;
  }
  hasString(prefilter, pos) {
    const idx = this.charSequence.indexOf(prefilter.str, this.start + pos);
    return idx !== -1 && idx <= this.end - prefilter.str.length;
  }
  hasAnyString(prefilter, pos) {
    return prefilter.automaton16().searchUTF16(this.charSequence, this.start + pos, this.end);
  }
  step(pos) {
    pos += this.start;
    if (pos >= this.end) return MachineInputBase.EOF();
    const c1 = this.charSequence.charCodeAt(pos);
    if (c1 < Unicode.MIN_HIGH_SURROGATE || c1 > Unicode.MAX_HIGH_SURROGATE || pos + 1 >= this.end) return c1 << 3 | 1;
    const c2 = this.charSequence.charCodeAt(pos + 1);
    if (c2 >= Unicode.MIN_LOW_SURROGATE && c2 <= Unicode.MAX_LOW_SURROGATE) return (c1 - Unicode.MIN_HIGH_SURROGATE) * 1024 + (c2 - Unicode.MIN_LOW_SURROGATE) + Unicode.MIN_SUPPLEMENTARY_CODE_POINT << 3 | 2;
    return c1 << 3 | 1;
  }
  index(re2, pos) {
    pos += this.start;
    const i = this.charSequence.indexOf(re2.prefix, pos);
    if (i < 0 || i > this.end - re2.prefix.length) return -1;
    return i - pos;
  }
  context(pos) {
    pos += this.start;
    const r1 = pos > this.start && pos <= this.end ? this.charSequence.charCodeAt(pos - 1) : -1;
    const r2 = pos < this.end ? this.charSequence.charCodeAt(pos) : -1;
    return Utils.emptyOpContext(r1, r2);
  }
  prefixLength(re2) {
    return re2.prefix.length;
  }
};
var MachineInput = class {
  static fromUTF8(bytes, start = 0, end = bytes.length) {
    return new MachineUTF8Input(bytes, start, end);
  }
  static fromUTF16(charSequence, start = 0, end = void 0) {
    Utils.checkInput(charSequence);
    return new MachineUTF16Input(charSequence, start, end ?? charSequence.length);
  }
};
var Matcher = class Matcher2 {
  /**
  * V8 and WebKit have historical hard limits on the number of arguments
  * that can be passed to a function. We cap replacer arguments to prevent
  * Call Stack Overflow (DoS) vulnerabilities on massive ASTs.
  */
  static MAX_REPLACER_ARGS = 65535;
  /**
  * Quotes '\' and '$' in {@code s}, so that the returned string could be used in
  * {@link #appendReplacement} as a literal replacement of {@code s}.
  *
  * @param {string} str the string to be quoted
  * @param {boolean} [javaMode=false] whether the replacement will be used in javaMode
  * @returns {string} the quoted string
  */
  static quoteReplacement(str, javaMode = false) {
    if (javaMode) {
      if (str.indexOf("\\") < 0 && str.indexOf("$") < 0) return str;
      return str.split("").map((s) => {
        const c = s.codePointAt(0);
        if (c === Codepoint.CODES["\\"] || c === Codepoint.CODES["$"]) return `\\${s}`;
        return s;
      }).join("");
    }
    if (str.indexOf("$") < 0) return str;
    return str.split("").map((s) => {
      if (s.codePointAt(0) === Codepoint.CODES["$"]) return "$$";
      return s;
    }).join("");
  }
  /**
  *
  * @param {import('./index.js').RE2JS} pattern
  * @param {string|number[]|Uint8Array|MatcherInputBase} input
  */
  constructor(pattern, input) {
    if (pattern === null) throw new Error("pattern is null");
    this.patternInput = pattern;
    const re2 = this.patternInput.re2();
    this.patternGroupCount = re2.numberOfCapturingGroups();
    this.groups = [];
    this.namedGroups = re2.namedGroups;
    this.hasNamedGroups = Object.keys(this.namedGroups).length > 0;
    this.numberOfInstructions = re2.numberOfInstructions();
    this.lookbehindState = null;
    if (input instanceof MatcherInputBase) this.resetMatcherInput(input);
    else if (Utils.isByteArray(input)) this.resetMatcherInput(MatcherInput.utf8(input));
    else this.resetMatcherInput(MatcherInput.utf16(input));
  }
  /**
  * Returns the {@code RE2JS} associated with this {@code Matcher}.
  * @returns {import('./index.js').RE2JS}
  */
  pattern() {
    return this.patternInput;
  }
  /**
  * Resets the {@code Matcher}, rewinding input and discarding any match information.
  *
  * @returns {Matcher} the {@code Matcher} itself, for chained method calls
  */
  reset() {
    this.matcherInputLength = this.matcherInput.length();
    this.appendPos = 0;
    this.hasMatch = false;
    this.hasGroups = false;
    this.anchorFlag = 0;
    return this;
  }
  /**
  * Resets the {@code Matcher} and changes the input.
  * @param {string|number[]|Uint8Array|MatcherInputBase} input
  * @returns {Matcher} the {@code Matcher} itself, for chained method calls
  */
  resetMatcherInput(input) {
    if (input === null) throw new Error("input is null");
    if (!(input instanceof MatcherInputBase)) {
      if (Utils.isByteArray(input)) input = MatcherInput.utf8(input);
      else input = MatcherInput.utf16(input);
    }
    this.matcherInput = input;
    if (this.lookbehindState !== null) this.lookbehindState.reset();
    else this.lookbehindState = this.patternInput.re2().createLookbehindState();
    this.reset();
    return this;
  }
  /**
  * Returns the start of the named group of the most recent match, or -1 if the group was not
  * matched.
  * @param {string|number} [group=0]
  * @returns {number}
  */
  start(group = 0) {
    if (typeof group === "string") {
      const groupInt = this.namedGroups[group];
      if (!Number.isFinite(groupInt)) throw new RE2JSGroupException(`group '${group}' not found`);
      group = groupInt;
    }
    this.loadGroup(group);
    return this.groups[2 * group];
  }
  /**
  * Returns the end of the named group of the most recent match, or -1 if the group was not
  * matched.
  * @param {string|number} [group=0]
  * @returns {number}
  */
  end(group = 0) {
    if (typeof group === "string") {
      const groupInt = this.namedGroups[group];
      if (!Number.isFinite(groupInt)) throw new RE2JSGroupException(`group '${group}' not found`);
      group = groupInt;
    }
    this.loadGroup(group);
    return this.groups[2 * group + 1];
  }
  /**
  * Returns the program size of this pattern.
  *
  * <p>
  * Similar to the C++ implementation, the program size is a very approximate measure of a regexp's
  * "cost". Larger numbers are more expensive than smaller numbers.
  * </p>
  *
  * @returns {number} the program size of this pattern
  */
  programSize() {
    return this.numberOfInstructions;
  }
  /**
  * Returns the named group of the most recent match, or {@code null} if the group was not matched.
  * @param {string|number} [group=0]
  * @returns {string|null}
  */
  group(group = 0) {
    if (typeof group === "string") {
      const groupInt = this.namedGroups[group];
      if (!Number.isFinite(groupInt)) throw new RE2JSGroupException(`group '${group}' not found`);
      group = groupInt;
    }
    const start = this.start(group);
    const end = this.end(group);
    if (start < 0 && end < 0) return null;
    return this.substring(start, end);
  }
  /**
  * Returns a dictionary map of all named capturing groups and their matched values.
  * If a group was not matched, its value will be `null`.
  * @returns {Record<string, string|null>}
  */
  getNamedGroups() {
    if (!this.hasMatch) throw new RE2JSGroupException("perhaps no match attempted");
    const result = /* @__PURE__ */ Object.create(null);
    for (const name of Object.keys(this.namedGroups)) result[name] = this.group(name);
    return result;
  }
  /**
  * Returns the number of subgroups in this pattern.
  *
  * @returns {number} the number of subgroups; the overall match (group 0) does not count
  */
  groupCount() {
    return this.patternGroupCount;
  }
  /**
  * Helper: finds subgroup information if needed for group.
  * @param {number} group
  * @private
  */
  loadGroup(group) {
    if (!Number.isInteger(group) || group < 0 || group > this.patternGroupCount) throw new RE2JSGroupException(`Group index out of bounds: ${group}`);
    if (!this.hasMatch) throw new RE2JSGroupException("perhaps no match attempted");
    if (group === 0 || this.hasGroups) return;
    const end = this.matcherInputLength;
    const res = this.patternInput.re2().matchMachineInput(this.matcherInput, this.groups[0], end, this.anchorFlag, 1 + this.patternGroupCount, this.lookbehindState);
    if (!res[0]) throw new RE2JSGroupException("inconsistency in matching group data");
    this.groups = res[1];
    this.hasGroups = true;
  }
  /**
  * Matches the entire input against the pattern (anchored start and end). If there is a match,
  * {@code matches} sets the match state to describe it.
  *
  * @returns {boolean} true if the entire input matches the pattern
  */
  matches() {
    return this.genMatch(0, RE2Flags.ANCHOR_BOTH);
  }
  /**
  * Matches the beginning of input against the pattern (anchored start). If there is a match,
  * {@code lookingAt} sets the match state to describe it.
  *
  * @returns {boolean} true if the beginning of the input matches the pattern
  */
  lookingAt() {
    return this.genMatch(0, RE2Flags.ANCHOR_START);
  }
  /**
  * Matches the input against the pattern (unanchored), starting at a specified position. If there
  * is a match, {@code find} sets the match state to describe it.
  *
  * @param {number|null} [start=null] the input position where the search begins
  * @returns {boolean} if it finds a match
  * @throws IndexOutOfBoundsException if start is not a valid input position
  */
  find(start = null) {
    if (start !== null) {
      if (!Number.isInteger(start) || start < 0 || start > this.matcherInputLength) throw new RE2JSGroupException(`start index out of bounds: ${start}`);
      this.reset();
      return this.genMatch(start, 0);
    }
    start = 0;
    if (this.hasMatch) {
      start = this.groups[1];
      if (this.groups[0] === this.groups[1]) {
        const r = (this.matcherInput.isUTF16Encoding() ? MachineInput.fromUTF16(this.matcherInput.asCharSequence(), 0, this.matcherInputLength) : MachineInput.fromUTF8(this.matcherInput.asBytes(), 0, this.matcherInputLength)).step(start);
        if (r < 0) start++;
        else start += r & 7;
      }
    }
    return this.genMatch(start, RE2Flags.UNANCHORED);
  }
  /**
  * Helper: does match starting at start, with RE2 anchor flag.
  * @param {number} startByte
  * @param {number} anchor
  * @returns {boolean}
  * @private
  */
  genMatch(startByte, anchor) {
    const res = this.patternInput.re2().matchMachineInput(this.matcherInput, startByte, this.matcherInputLength, anchor, 1, this.lookbehindState);
    if (!res[0]) {
      this.hasMatch = false;
      return false;
    }
    this.groups = res[1];
    this.hasMatch = true;
    this.hasGroups = this.patternGroupCount === 0;
    this.anchorFlag = anchor;
    return true;
  }
  /**
  * Helper: return substring for [start, end).
  * @param {number} start
  * @param {number} end
  * @returns {string}
  */
  substring(start, end) {
    if (this.matcherInput.isUTF8Encoding()) return Utils.utf8ByteArrayToString(this.matcherInput.asBytes().slice(start, end));
    return this.matcherInput.asCharSequence().substring(start, end).toString();
  }
  /**
  * Helper for Pattern: return input length.
  * @returns {number}
  */
  inputLength() {
    return this.matcherInputLength;
  }
  /**
  * Appends to result two strings: the text from the append position up to the beginning of the
  * most recent match, and then the replacement with submatch groups substituted for references to
  * them. It advances the append position to where the most recent match ended.
  *
  * By default the replacement is expanded as by String.prototype.replace (see
  * appendReplacementInternalJs). In Java mode it follows re2j / java.util.regex: $n takes as
  * many digits as still form a valid group number, ${name} is a named group, and a backslash
  * escapes the next character (so "\\$" in a JS string literal inserts a literal $).
  *
  * @param {string} replacement the replacement string
  * @param {boolean} [javaMode=false] activate java mode (different behaviour for capture groups and special characters)
  * @returns {string}
  * @throws IllegalStateException if there was no most recent match
  * @throws IndexOutOfBoundsException in Java mode, if replacement refers to an invalid group
  * @private
  */
  appendReplacement(replacement, javaMode = false) {
    let res = "";
    const s = this.start();
    const e = this.end();
    if (this.appendPos < s) res += this.substring(this.appendPos, s);
    this.appendPos = e;
    res += javaMode ? this.appendReplacementInternalJava(replacement) : this.appendReplacementInternalJs(replacement);
    return res;
  }
  /**
  * @param {string} replacement - the replacement string
  * @returns {string}
  * @private
  */
  appendReplacementInternalJava(replacement) {
    let res = "";
    let last = 0;
    const m = replacement.length;
    let i = 0;
    while (i < m) {
      const cCode = replacement.codePointAt(i);
      if (cCode === Codepoint.CODES["\\"]) {
        if (last < i) res += replacement.substring(last, i);
        i++;
        if (i >= m) throw new RE2JSGroupException("character to be escaped is missing");
        last = i;
        i++;
        continue;
      }
      if (cCode === Codepoint.CODES["$"]) {
        if (last < i) res += replacement.substring(last, i);
        if (i + 1 >= m) throw new RE2JSGroupException("Illegal group reference: group index is missing");
        const nextCode = replacement.codePointAt(i + 1);
        if (Codepoint.CODES["0"] <= nextCode && nextCode <= Codepoint.CODES["9"]) {
          let n = nextCode - Codepoint.CODES["0"];
          let j = i + 2;
          for (; j < m; j++) {
            const digit = replacement.codePointAt(j);
            if (digit < Codepoint.CODES["0"] || digit > Codepoint.CODES["9"] || n * 10 + digit - Codepoint.CODES["0"] > this.patternGroupCount) break;
            n = n * 10 + digit - Codepoint.CODES["0"];
          }
          if (n > this.patternGroupCount) throw new RE2JSGroupException(`n > number of groups: ${n}`);
          const group = this.group(n);
          if (group !== null) res += group;
          i = j;
          last = i;
        } else if (nextCode === Codepoint.CODES["{"]) {
          let j = i + 2;
          while (j < m && replacement.codePointAt(j) !== Codepoint.CODES["}"]) j++;
          if (j >= m) throw new RE2JSGroupException("named capture group is missing trailing '}'");
          const groupName = replacement.substring(i + 2, j);
          const groupVal = this.group(groupName);
          if (groupVal !== null) res += groupVal;
          i = j + 1;
          last = i;
        } else throw new RE2JSGroupException("Illegal group reference");
        continue;
      }
      i++;
    }
    if (last < m) res += replacement.substring(last, m);
    return res;
  }
  /**
  * Expands |replacement| for the current match by the rules of String.prototype.replace
  * (ECMAScript GetSubstitution): $$ is "$", $& the match, $` the text before it, $' the text
  * after it, $n and $nn a group (two digits only when they form a valid group number, so with
  * one group "$10" is group 1 then "0"; an unmatched group is empty), and $<name> a named group
  * (empty when no such group), only when the pattern has named groups. Anything else, such as
  * "$0" or "$<" without a closing ">", is kept as is.
  * @param {string} replacement - the replacement string
  * @returns {string}
  * @private
  */
  appendReplacementInternalJs(replacement) {
    const isDigit = (c) => c >= 48 && c <= 57;
    const groupCount = this.patternGroupCount;
    let res = "";
    let i = 0;
    while (i < replacement.length) {
      const dollar = replacement.indexOf("$", i);
      if (dollar < 0) break;
      res += replacement.substring(i, dollar);
      i = dollar;
      const c = replacement.charCodeAt(i + 1);
      if (c === Codepoint.CODES["$"]) {
        res += "$";
        i += 2;
      } else if (c === Codepoint.CODES["&"]) {
        res += this.group(0);
        i += 2;
      } else if (c === Codepoint.CODES["`"]) {
        res += this.substring(0, this.start(0));
        i += 2;
      } else if (c === Codepoint.CODES["'"]) {
        res += this.substring(this.end(0), this.matcherInputLength);
        i += 2;
      } else if (isDigit(c)) {
        let digits = 1;
        let index = c - 48;
        const c2 = replacement.charCodeAt(i + 2);
        if (isDigit(c2) && index * 10 + c2 - 48 <= groupCount) {
          digits = 2;
          index = index * 10 + c2 - 48;
        }
        if (index >= 1 && index <= groupCount) {
          const group = this.group(index);
          if (group !== null) res += group;
        } else res += replacement.substring(i, i + 1 + digits);
        i += 1 + digits;
      } else if (c === Codepoint.CODES["<"] && this.hasNamedGroups) {
        const gt = replacement.indexOf(">", i + 2);
        if (gt < 0) {
          res += "$<";
          i += 2;
        } else {
          const name = replacement.substring(i + 2, gt);
          if (Object.hasOwn(this.namedGroups, name)) {
            const group = this.group(name);
            if (group !== null) res += group;
          }
          i = gt + 1;
        }
      } else {
        res += "$";
        i += 1;
      }
    }
    return res + replacement.substring(i);
  }
  /**
  * Return the substring of the input from the append position to the end of the
  * input.
  * @returns {string}
  */
  appendTail() {
    return this.substring(this.appendPos, this.matcherInputLength);
  }
  /**
  * Returns the input with all matches replaced by {@code replacement}, interpreted as for
  * {@code appendReplacement}.
  *
  * @param {string|((...args: any[]) => string)} replacement - the replacement string or a replacer function
  * @param {boolean} [javaMode=false] - activate java mode (different behaviour for capture groups and special characters)
  * @returns {string} the input string with the matches replaced
  * @throws IndexOutOfBoundsException if replacement refers to an invalid group and javaMode is true
  */
  replaceAll(replacement, javaMode = false) {
    return this.replace(replacement, true, javaMode);
  }
  /**
  * Returns the input with the first match replaced by {@code replacement}, interpreted as for
  * {@code appendReplacement}.
  *
  * @param {string|((...args: any[]) => string)} replacement - the replacement string or a replacer function
  * @param {boolean} [javaMode=false] - activate java mode (different behaviour for capture groups and special characters)
  * @returns {string} the input string with the first match replaced
  * @throws IndexOutOfBoundsException if replacement refers to an invalid group and javaMode is true
  */
  replaceFirst(replacement, javaMode = false) {
    return this.replace(replacement, false, javaMode);
  }
  /**
  * Helper: replaceAll/replaceFirst hybrid.
  * @param {string|((...args: any[]) => string)} replacement - the replacement string or a replacer function
  * @param {boolean} [all=true] - replace all matches
  * @param {boolean} [javaMode=false] - activate java mode (different behaviour for capture groups and special characters)
  * @returns {string}
  * @private
  */
  replace(replacement, all = true, javaMode = false) {
    let res = "";
    this.reset();
    const isFunc = typeof replacement === "function";
    let originalInput = null;
    if (isFunc) {
      if (this.groupCount() >= Matcher2.MAX_REPLACER_ARGS) throw new RE2JSGroupException("Too many capture groups to safely invoke replacer function");
      originalInput = this.matcherInput.isUTF8Encoding() ? this.matcherInput.asBytes() : this.matcherInput.asCharSequence();
    }
    while (this.find()) {
      res += isFunc ? this.appendReplacementFunc(replacement, originalInput) : this.appendReplacement(replacement, javaMode);
      if (!all) break;
    }
    res += this.appendTail();
    return res;
  }
  /**
  * Evaluates a replacer function for the current match and appends the result,
  * along with any un-matched preceding text, advancing the append position.
  * @param {Function} replacer - the replacer function
  * @param {string|Uint8Array|number[]} originalInput - the cached original input reference
  * @returns {string} the evaluated string to append
  * @private
  */
  appendReplacementFunc(replacer, originalInput) {
    let res = "";
    const s = this.start();
    const e = this.end();
    if (this.appendPos < s) res += this.substring(this.appendPos, s);
    this.appendPos = e;
    const args = this.matchArray();
    args.push(s, originalInput);
    if (this.hasNamedGroups) args.push(this.namedGroupsObject());
    res += String(replacer(...args));
    return res;
  }
  /**
  * The match and its groups, as the elements of a JS RegExpExecArray: undefined for a group that
  * did not take part in the match. Used by exec(), matchAll() and replacer functions.
  * @returns {Array<string|undefined>}
  * @private
  */
  matchArray() {
    const result = [this.group(0)];
    for (let i = 1; i <= this.patternGroupCount; i++) {
      const group = this.group(i);
      result.push(group === null ? void 0 : group);
    }
    return result;
  }
  /**
  * The named groups, as the groups property of a JS RegExpExecArray: an object without a
  * prototype mapping each name to its group (undefined when it did not take part in the match),
  * or undefined when the pattern has no named groups.
  * @returns {Record<string, string|undefined>|undefined}
  * @private
  */
  namedGroupsObject() {
    if (!this.hasNamedGroups) return;
    const result = this.getNamedGroups();
    for (const name in result) if (result[name] === null) result[name] = void 0;
    return result;
  }
};
var Inst = class Inst2 {
  static ALT = 1;
  static ALT_MATCH = 2;
  static CAPTURE = 3;
  static EMPTY_WIDTH = 4;
  static FAIL = 5;
  static MATCH = 6;
  static NOP = 7;
  static RUNE = 8;
  static RUNE1 = 9;
  static RUNE_ANY = 10;
  static RUNE_ANY_NOT_NL = 11;
  static LB_WRITE = 12;
  static LB_CHECK = 13;
  static isRuneOp(op) {
    return Inst2.RUNE <= op && op <= Inst2.RUNE_ANY_NOT_NL;
  }
  static escapeRunes(runes) {
    let out = '"';
    for (let rune of runes) out += Utils.escapeRune(rune);
    out += '"';
    return out;
  }
  constructor(op) {
    this.op = op;
    this.out = 0;
    this.arg = 0;
    this.runes = /* @__PURE__ */ new Int32Array(0);
    this.next = null;
  }
  matchRune(r) {
    if (this.runes.length === 1) {
      const r0 = this.runes[0];
      if ((this.arg & RE2Flags.FOLD_CASE) !== 0) return Unicode.equalsIgnoreCase(r0, r);
      return r === r0;
    }
    const len = this.runes.length;
    if (len === 0) return false;
    if (len === 2 || len === 4 || len === 6 || len === 8) {
      for (let j = 0; j < len; j += 2) {
        if (r < this.runes[j]) return false;
        if (r <= this.runes[j + 1]) return true;
      }
      return false;
    }
    let base = 0;
    let n = len >> 1;
    while (n > 1) {
      const half = n >> 1;
      base += this.runes[base + half << 1] <= r ? half : 0;
      n -= half;
    }
    base += this.runes[base << 1] <= r ? 1 : 0;
    const m = base - 1;
    return m >= 0 && r <= this.runes[m << 1 | 1];
  }
  matchRunePos(r) {
    if (this.runes.length === 1) {
      const r0 = this.runes[0];
      if ((this.arg & RE2Flags.FOLD_CASE) !== 0) return Unicode.equalsIgnoreCase(r0, r) ? 0 : -1;
      return r === r0 ? 0 : -1;
    }
    const len = this.runes.length;
    if (len === 0) return -1;
    if (len === 2 || len === 4 || len === 6 || len === 8) {
      for (let j = 0; j < len; j += 2) {
        if (r < this.runes[j]) return -1;
        if (r <= this.runes[j + 1]) return Math.floor(j / 2);
      }
      return -1;
    }
    let base = 0;
    let n = len >> 1;
    while (n > 1) {
      const half = n >> 1;
      base += this.runes[base + half << 1] <= r ? half : 0;
      n -= half;
    }
    base += this.runes[base << 1] <= r ? 1 : 0;
    const m = base - 1;
    return m >= 0 && r <= this.runes[m << 1 | 1] ? m : -1;
  }
  /**
  *
  * @returns {string}
  */
  toString() {
    switch (this.op) {
      case Inst2.ALT:
        return `alt -> ${this.out}, ${this.arg}`;
      case Inst2.ALT_MATCH:
        return `altmatch -> ${this.out}, ${this.arg}`;
      case Inst2.CAPTURE:
        return `cap ${this.arg} -> ${this.out}`;
      case Inst2.EMPTY_WIDTH:
        return `empty ${this.arg} -> ${this.out}`;
      case Inst2.MATCH:
        return `match${this.arg !== 0 ? ` ${this.arg}` : ""}`;
      case Inst2.FAIL:
        return "fail";
      case Inst2.NOP:
        return `nop -> ${this.out}`;
      case Inst2.LB_WRITE:
        return `lbwrite ${this.arg} -> ${this.out}`;
      case Inst2.LB_CHECK:
        return `lbcheck ${this.arg} -> ${this.out}`;
      case Inst2.RUNE:
        if (this.runes === null) return "rune <null>";
        return [
          "rune ",
          Inst2.escapeRunes(this.runes),
          (this.arg & RE2Flags.FOLD_CASE) !== 0 ? "/i" : "",
          " -> ",
          this.out
        ].join("");
      case Inst2.RUNE1:
        return `rune1 ${Inst2.escapeRunes(this.runes)} -> ${this.out}`;
      case Inst2.RUNE_ANY:
        return `any -> ${this.out}`;
      case Inst2.RUNE_ANY_NOT_NL:
        return `anynotnl -> ${this.out}`;
      default:
        throw new Error("unhandled case in Inst.toString");
    }
  }
};
var Queue = class Queue2 {
  constructor(numInst) {
    this.sparse = new Int32Array(numInst);
    this.densePcs = new Int32Array(numInst);
    this.denseCaps = null;
    this.size = 0;
    this.ncap = 0;
    this.mainThreads = 0;
  }
  static INITIAL_THREADS = 32;
  init(ncap) {
    this.ncap = ncap;
    const needed = Math.min(this.densePcs.length, Queue2.INITIAL_THREADS) * ncap;
    if (!this.denseCaps || this.denseCaps.length < needed) this.denseCaps = new Int32Array(needed);
  }
  growCaps(needed) {
    const limit = this.densePcs.length * this.ncap;
    const grown = new Int32Array(Math.min(limit, Math.max(needed, 2 * this.denseCaps.length)));
    grown.set(this.denseCaps);
    this.denseCaps = grown;
  }
  contains(pc) {
    const j = this.sparse[pc];
    return j < this.size && this.densePcs[j] === pc;
  }
  isEmpty() {
    return this.size === 0;
  }
  add(pc) {
    const j = this.size++;
    this.sparse[pc] = j;
    this.densePcs[j] = pc;
    return j;
  }
  clear() {
    this.size = 0;
    this.mainThreads = 0;
  }
  toString() {
    let out = "{";
    for (let i = 0; i < this.size; i++) {
      if (i !== 0) out += ", ";
      out += this.densePcs[i];
    }
    out += "}";
    return out;
  }
};
var LookbehindState = class {
  constructor(prog) {
    this.pos = -1;
    this.pcs = new Int32Array(prog.numInst());
    this.size = 0;
    this.lbTable = new Int32Array(prog.numLb + 1);
  }
  reset() {
    this.pos = -1;
    this.size = 0;
  }
};
var Machine = class Machine2 {
  static fromRE2(re2) {
    const m = new Machine2();
    m.prog = re2.prog;
    m.re2 = re2;
    m.q0 = new Queue(m.prog.numInst());
    m.q1 = new Queue(m.prog.numInst());
    m.addStack = new Int32Array(2 * (m.prog.numInst() + 1));
    m.matched = false;
    m.matchcap = new Int32Array(m.prog.numCap < 2 ? 2 : m.prog.numCap);
    m.ncap = 0;
    return m;
  }
  constructor() {
    this.prog = null;
    this.re2 = null;
    this.q0 = null;
    this.q1 = null;
    this.addStack = null;
    this.matched = false;
    this.matchcap = null;
    this.ncap = 0;
    this.lbTable = null;
  }
  init(ncap) {
    this.ncap = ncap;
    if (ncap > this.matchcap.length) this.matchcap = new Int32Array(ncap).fill(-1);
    else this.matchcap.fill(-1);
    this.q0.init(ncap);
    this.q1.init(ncap);
    if (this.prog.numLb > 0) {
      if (!this.lbTable || this.lbTable.length < this.prog.numLb + 1) this.lbTable = new Int32Array(this.prog.numLb + 1);
      this.lbTable.fill(-1);
    }
  }
  submatches() {
    if (this.ncap === 0) return Utils.emptyInts();
    return Utils.toArray(this.matchcap.subarray(0, this.ncap));
  }
  match(input, pos, anchor, lbState = null) {
    const startCond = this.re2.cond;
    if (startCond === Utils.EMPTY_ALL) return false;
    if ((anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) && pos !== 0) return false;
    this.matched = false;
    this.matchcap.fill(-1);
    const hasLookbehinds = this.prog.numLb > 0;
    const matchStartPos = pos;
    let currentPos = pos;
    let resumeLookbehinds = false;
    if (hasLookbehinds) {
      if (lbState !== null && lbState.pos >= 0 && lbState.pos <= pos) {
        currentPos = lbState.pos;
        resumeLookbehinds = true;
      } else currentPos = 0;
    }
    let saveLookbehinds = hasLookbehinds && lbState !== null;
    let runq = this.q0;
    let nextq = this.q1;
    let r = input.step(currentPos);
    let rune = r >> 3;
    let width = r & 7;
    let rune1 = -1;
    let width1 = 0;
    if (r !== MachineInputBase.EOF()) {
      r = input.step(currentPos + width);
      rune1 = r >> 3;
      width1 = r & 7;
    }
    let flag;
    if (currentPos === 0) flag = Utils.emptyOpContext(-1, rune);
    else flag = input.context(currentPos);
    if (hasLookbehinds) {
      if (resumeLookbehinds) this.restoreLookbehinds(lbState, runq, flag);
      else this.spawnLookbehinds(runq, currentPos, flag);
    }
    while (true) {
      if (runq.mainThreads === 0) {
        if ((startCond & Utils.EMPTY_BEGIN_TEXT) !== 0 && currentPos !== 0) break;
        if ((anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) && currentPos !== 0) break;
        if (this.matched) break;
        if (this.prog.numLb === 0 && runq.isEmpty() && !(this.re2.prefix.length === 0) && rune1 !== this.re2.prefixRune && input.canCheckPrefix()) {
          const advance = input.index(this.re2, currentPos);
          if (advance < 0) break;
          currentPos += advance;
          r = input.step(currentPos);
          rune = r >> 3;
          width = r & 7;
          r = input.step(currentPos + width);
          rune1 = r >> 3;
          width1 = r & 7;
          flag = input.context(currentPos);
        }
      }
      if (currentPos >= matchStartPos) {
        if (saveLookbehinds) {
          this.saveLookbehinds(lbState, runq, currentPos);
          saveLookbehinds = false;
        }
        if (!this.matched && (currentPos === 0 || anchor === RE2Flags.UNANCHORED)) {
          if (this.ncap > 0) this.matchcap[0] = currentPos;
          this.add(runq, this.prog.start, currentPos, this.matchcap, 0, flag);
        }
      }
      const nextPos = currentPos + width;
      flag = input.context(nextPos);
      this.step(runq, nextq, currentPos, nextPos, rune, flag, anchor, currentPos === input.endPos());
      if (width === 0) break;
      if (this.ncap === 0 && this.matched) break;
      currentPos += width;
      rune = rune1;
      width = width1;
      if (rune !== -1) {
        r = input.step(currentPos + width);
        rune1 = r >> 3;
        width1 = r & 7;
      }
      const tmpq = runq;
      runq = nextq;
      nextq = tmpq;
    }
    runq.clear();
    nextq.clear();
    return this.matched;
  }
  matchSet(input, pos, anchor) {
    const startCond = this.re2.cond;
    if (startCond === Utils.EMPTY_ALL) return [];
    if ((anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) && pos !== 0) return [];
    let currentPos = this.prog.numLb > 0 ? 0 : pos;
    let matchStartPos = pos;
    let runq = this.q0;
    let nextq = this.q1;
    let r = input.step(currentPos);
    let rune = r >> 3;
    let width = r & 7;
    let rune1 = -1;
    let width1 = 0;
    if (r !== MachineInputBase.EOF()) {
      r = input.step(currentPos + width);
      rune1 = r >> 3;
      width1 = r & 7;
    }
    let flag = currentPos === 0 ? Utils.emptyOpContext(-1, rune) : input.context(currentPos);
    const matches = /* @__PURE__ */ new Set();
    if (this.prog.numLb > 0) this.spawnLookbehinds(runq, currentPos, flag);
    while (true) {
      if (runq.mainThreads === 0) {
        if ((startCond & Utils.EMPTY_BEGIN_TEXT) !== 0 && currentPos !== 0) break;
        if ((anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) && currentPos !== 0) break;
      }
      if (currentPos === 0 || anchor === RE2Flags.UNANCHORED) {
        if (currentPos >= matchStartPos) this.add(runq, this.prog.start, currentPos, this.matchcap, 0, flag);
      }
      const nextPos = currentPos + width;
      flag = input.context(nextPos);
      for (let j = 0; j < runq.size; j++) {
        const pc = runq.densePcs[j];
        const i = this.prog.inst[pc];
        const capOffset = j * this.ncap;
        let add = false;
        switch (i.op) {
          case Inst.MATCH:
            if (anchor === RE2Flags.ANCHOR_BOTH && currentPos !== input.endPos()) break;
            matches.add(i.arg);
            break;
          case Inst.RUNE:
            add = i.matchRune(rune);
            break;
          case Inst.RUNE1:
            add = rune === i.runes[0];
            break;
          case Inst.RUNE_ANY:
            add = true;
            break;
          case Inst.RUNE_ANY_NOT_NL:
            add = rune !== 10;
            break;
          default:
            continue;
        }
        if (add) this.add(nextq, i.out, nextPos, runq.denseCaps, capOffset, flag);
      }
      runq.clear();
      if (width === 0) break;
      currentPos += width;
      rune = rune1;
      width = width1;
      if (rune !== -1) {
        r = input.step(currentPos + width);
        rune1 = r >> 3;
        width1 = r & 7;
      }
      const tmpq = runq;
      runq = nextq;
      nextq = tmpq;
    }
    nextq.clear();
    return Array.from(matches).sort((a, b) => a - b);
  }
  step(runq, nextq, pos, nextPos, c, nextCond, anchor, atEnd) {
    const longest = this.re2.longest;
    for (let j = 0; j < runq.size; j++) {
      const pc = runq.densePcs[j];
      const capOffset = j * this.ncap;
      if (longest && this.matched && this.ncap > 0 && this.matchcap[0] < runq.denseCaps[capOffset]) continue;
      const i = this.prog.inst[pc];
      let add = false;
      switch (i.op) {
        case Inst.MATCH:
          if (anchor === RE2Flags.ANCHOR_BOTH && !atEnd) break;
          if (this.ncap > 0 && (!longest || !this.matched || this.matchcap[1] < pos)) {
            runq.denseCaps[capOffset + 1] = pos;
            for (let k = 0; k < this.ncap; k++) this.matchcap[k] = runq.denseCaps[capOffset + k];
          }
          if (!longest) runq.size = 0;
          this.matched = true;
          break;
        case Inst.RUNE:
          add = i.matchRune(c);
          break;
        case Inst.RUNE1:
          add = c === i.runes[0];
          break;
        case Inst.RUNE_ANY:
          add = true;
          break;
        case Inst.RUNE_ANY_NOT_NL:
          add = c !== 10;
          break;
        default:
          continue;
      }
      if (add) this.add(nextq, i.out, nextPos, runq.denseCaps, capOffset, nextCond);
    }
    runq.clear();
  }
  spawnLookbehinds(q, pos, flag) {
    for (let i = 0; i < this.prog.lbStarts.length; i++) this.add(q, this.prog.lbStarts[i], pos, this.matchcap, 0, flag);
  }
  restoreLookbehinds(lbState, q, flag) {
    this.lbTable.set(lbState.lbTable);
    for (let j = 0; j < lbState.size; j++) this.add(q, lbState.pcs[j], lbState.pos, this.matchcap, 0, flag);
  }
  saveLookbehinds(lbState, q, pos) {
    let size = 0;
    for (let j = 0; j < q.size; j++) {
      const pc = q.densePcs[j];
      if (this.prog.lbInst[pc] === 1 && Inst.isRuneOp(this.prog.inst[pc].op)) lbState.pcs[size++] = pc;
    }
    lbState.size = size;
    lbState.pos = pos;
    lbState.lbTable.set(this.lbTable);
  }
  add(q, pc, pos, capArray, capOffset, cond) {
    const stk = this.addStack;
    let nstk = 0;
    for (; ; ) {
      while (pc !== 0 && !q.contains(pc)) {
        const d = q.add(pc);
        const inst = this.prog.inst[pc];
        switch (inst.op) {
          case Inst.FAIL:
            pc = 0;
            break;
          case Inst.ALT:
          case Inst.ALT_MATCH:
            stk[nstk++] = inst.arg;
            stk[nstk++] = 0;
            pc = inst.out;
            break;
          case Inst.EMPTY_WIDTH:
            pc = (inst.arg & ~cond) === 0 ? inst.out : 0;
            break;
          case Inst.NOP:
            pc = inst.out;
            break;
          case Inst.CAPTURE:
            if (inst.arg < this.ncap) {
              stk[nstk++] = -inst.arg - 1;
              stk[nstk++] = capArray[capOffset + inst.arg];
              capArray[capOffset + inst.arg] = pos;
            }
            pc = inst.out;
            break;
          case Inst.LB_WRITE:
            this.lbTable[Math.abs(inst.arg)] = pos;
            pc = inst.out;
            break;
          case Inst.LB_CHECK:
            if (inst.arg > 0) pc = this.lbTable[inst.arg] === pos ? inst.out : 0;
            else pc = this.lbTable[-inst.arg] !== pos ? inst.out : 0;
            break;
          case Inst.MATCH:
          case Inst.RUNE:
          case Inst.RUNE1:
          case Inst.RUNE_ANY:
          case Inst.RUNE_ANY_NOT_NL:
            if (this.prog.lbInst[pc] === 0) q.mainThreads++;
            if (this.ncap > 0) {
              const destOffset = d * this.ncap;
              if (destOffset + this.ncap > q.denseCaps.length) q.growCaps(destOffset + this.ncap);
              for (let c = 0; c < this.ncap; c++) q.denseCaps[destOffset + c] = capArray[capOffset + c];
            }
            pc = 0;
            break;
          default:
            throw new RE2JSInternalException("unhandled");
        }
      }
      if (nstk === 0) return;
      nstk -= 2;
      const entry = stk[nstk];
      if (entry < 0) {
        capArray[capOffset - entry - 1] = stk[nstk + 1];
        pc = 0;
      } else pc = entry;
    }
  }
};
var hashState = (pcs, flag, ids) => {
  let h = -2128831035;
  for (let i = 0; i < pcs.length; i++) {
    h ^= pcs[i];
    h = Math.imul(h, 16777619);
  }
  h ^= flag;
  h = Math.imul(h, 16777619);
  for (let i = 0; i < ids.length; i++) {
    h ^= ids[i];
    h = Math.imul(h, 16777619);
  }
  return h;
};
var arraysEqual = (a, b) => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};
var isState = (state, pcs, flag, ids) => state.flag === flag && arraysEqual(state.nfaStates, pcs) && arraysEqual(state.matchIDs, ids);
var NO_IDS = [];
var END_TEXT = -1;
var DFAState = class {
  constructor(nfaStates, flag, matchIDs) {
    this.nfaStates = nfaStates;
    this.flag = flag;
    this.isMatch = (flag & DFA.FLAG_MATCH) !== 0;
    this.matchIDs = matchIDs;
    this.next = null;
    this.nextAnchored = null;
  }
};
var DFA = class DFA2 {
  static FLAG_EMPTY_MASK = 255;
  static FLAG_MATCH = 256;
  static FLAG_LAST_WORD = 512;
  static FLAG_NEED_SHIFT = 16;
  static STATE_OVERHEAD = 150;
  static ARRAY_OVERHEAD = 40;
  static ELEMENT_SIZE = 8;
  static TABLE_OVERHEAD = 48;
  static PROGRESS_PER_STATE = 10;
  constructor(prog, maxMem = 8388608) {
    this.prog = prog;
    this.maxMem = maxMem;
    this.stateCache = /* @__PURE__ */ new Map();
    this.stateCount = 0;
    this.startStates = /* @__PURE__ */ new Map();
    this.failed = false;
    for (let pc = 0; pc < prog.numInst(); pc++) {
      const op = prog.getInst(pc).op;
      if (op === Inst.LB_WRITE || op === Inst.LB_CHECK) {
        this.failed = true;
        break;
      }
    }
    this.computeRuneClasses();
    this.stateBudget = maxMem;
    this.memBudget = maxMem;
  }
  computeRuneClasses() {
    const bounds = /* @__PURE__ */ new Set();
    const addRange = (lo, hi) => {
      bounds.add(lo);
      bounds.add(hi + 1);
    };
    for (let pc = 0; pc < this.prog.numInst(); pc++) {
      const inst = this.prog.getInst(pc);
      switch (inst.op) {
        case Inst.RUNE:
        case Inst.RUNE1:
          if (inst.runes.length === 1) {
            addRange(inst.runes[0], inst.runes[0]);
            if ((inst.arg & RE2Flags.FOLD_CASE) !== 0) for (let f = Unicode.simpleFold(inst.runes[0]); f !== inst.runes[0]; f = Unicode.simpleFold(f)) addRange(f, f);
          } else for (let j = 0; j < inst.runes.length; j += 2) addRange(inst.runes[j], inst.runes[j + 1]);
          break;
        case Inst.RUNE_ANY_NOT_NL:
          addRange(10, 10);
          break;
        case Inst.EMPTY_WIDTH:
          if ((inst.arg & (Utils.EMPTY_BEGIN_LINE | Utils.EMPTY_END_LINE)) !== 0) addRange(10, 10);
          if ((inst.arg & (Utils.EMPTY_WORD_BOUNDARY | Utils.EMPTY_NO_WORD_BOUNDARY)) !== 0) {
            addRange(48, 57);
            addRange(65, 90);
            addRange(95, 95);
            addRange(97, 122);
          }
      }
    }
    bounds.delete(0);
    this.classBounds = Int32Array.from(bounds).sort();
    this.numClasses = this.classBounds.length + 1;
    const latin1Class = new Int32Array(Unicode.MAX_LATIN1 + 1);
    for (let r = 0; r <= Unicode.MAX_LATIN1; r++) latin1Class[r] = this.searchClass(r);
    this.latin1Class = latin1Class;
  }
  runeClass(r) {
    if (r <= Unicode.MAX_LATIN1) return this.latin1Class[r];
    return this.searchClass(r);
  }
  searchClass(r) {
    const bounds = this.classBounds;
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
      const mid = lo + hi >> 1;
      if (bounds[mid] <= r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  closure(pcs, flag) {
    const closure = /* @__PURE__ */ new Set();
    const stack = Array.from(pcs);
    let needflags = 0;
    while (stack.length > 0) {
      const pc = stack.pop();
      if (pc === 0 || closure.has(pc)) continue;
      closure.add(pc);
      const inst = this.prog.getInst(pc);
      switch (inst.op) {
        case Inst.ALT:
        case Inst.ALT_MATCH:
          stack.push(inst.out);
          stack.push(inst.arg);
          break;
        case Inst.NOP:
        case Inst.CAPTURE:
          stack.push(inst.out);
          break;
        case Inst.EMPTY_WIDTH:
          needflags |= inst.arg;
          if ((inst.arg & ~flag) === 0) stack.push(inst.out);
      }
    }
    return {
      pcs: Array.from(closure).sort((a, b) => a - b),
      needflags
    };
  }
  getState(pcs, flag, ids) {
    const hash = hashState(pcs, flag, ids);
    const cached = this.stateCache.get(hash);
    if (cached instanceof DFAState) {
      if (isState(cached, pcs, flag, ids)) return cached;
    } else if (cached !== void 0) {
      for (let i = 0; i < cached.length; i++) if (isState(cached[i], pcs, flag, ids)) return cached[i];
    }
    const cost = DFA2.stateCost(pcs, ids);
    if (this.memBudget < cost) return null;
    this.memBudget -= cost;
    const state = new DFAState(pcs, flag, ids);
    if (cached === void 0) this.stateCache.set(hash, state);
    else if (cached instanceof DFAState) this.stateCache.set(hash, [cached, state]);
    else cached.push(state);
    this.stateCount++;
    return state;
  }
  static stateCost(pcs, ids) {
    const idsCost = ids.length === 0 ? 0 : DFA2.ARRAY_OVERHEAD + DFA2.ELEMENT_SIZE * ids.length;
    return DFA2.STATE_OVERHEAD + DFA2.ELEMENT_SIZE * pcs.length + idsCost;
  }
  *cachedStates() {
    for (const cached of this.stateCache.values()) if (cached instanceof DFAState) yield cached;
    else yield* cached;
  }
  makeState(pcs, flag, ids) {
    const closure = this.closure(pcs, flag & DFA2.FLAG_EMPTY_MASK);
    let stateFlag = flag;
    if (closure.needflags === 0) stateFlag &= DFA2.FLAG_MATCH;
    stateFlag |= closure.needflags << DFA2.FLAG_NEED_SHIFT;
    return this.getState(closure.pcs, stateFlag, ids);
  }
  allocTable(state, anchor) {
    const size = this.numClasses + 1;
    const cost = DFA2.TABLE_OVERHEAD + DFA2.ELEMENT_SIZE * size;
    if (this.memBudget < cost) return null;
    this.memBudget -= cost;
    const table = new Array(size).fill(null);
    if (anchor === RE2Flags.UNANCHORED) state.next = table;
    else state.nextAnchored = table;
    return table;
  }
  clearCache() {
    this.stateCache.clear();
    this.stateCount = 0;
    this.startStates.clear();
    this.memBudget = this.stateBudget;
  }
  resetCache(current) {
    this.clearCache();
    return this.getState(current.nfaStates, current.flag, current.matchIDs);
  }
  step(state, cls, rune, anchor) {
    let table = anchor === RE2Flags.UNANCHORED ? state.next : state.nextAnchored;
    if (table !== null) {
      const cached = table[cls];
      if (cached !== null) return cached;
    } else {
      table = this.allocTable(state, anchor);
      if (table === null) return null;
    }
    const needflag = state.flag >>> DFA2.FLAG_NEED_SHIFT;
    const oldbeforeflag = state.flag & DFA2.FLAG_EMPTY_MASK;
    let beforeflag = oldbeforeflag;
    let afterflag = 0;
    if (rune === 10) {
      beforeflag |= Utils.EMPTY_END_LINE;
      afterflag |= Utils.EMPTY_BEGIN_LINE;
    }
    if (rune === END_TEXT) beforeflag |= Utils.EMPTY_END_LINE | Utils.EMPTY_END_TEXT;
    const islastword = (state.flag & DFA2.FLAG_LAST_WORD) !== 0;
    const isword = rune !== END_TEXT && Utils.isWordRune(rune);
    beforeflag |= isword === islastword ? Utils.EMPTY_NO_WORD_BOUNDARY : Utils.EMPTY_WORD_BOUNDARY;
    let pcs = state.nfaStates;
    if ((beforeflag & ~oldbeforeflag & needflag) !== 0) pcs = this.closure(pcs, beforeflag).pcs;
    const nextPCs = [];
    let ismatch = false;
    let ids = NO_IDS;
    for (let i = 0; i < pcs.length; i++) {
      const inst = this.prog.getInst(pcs[i]);
      if (inst.op === Inst.MATCH) {
        if (!ismatch) {
          ismatch = true;
          ids = [];
        }
        ids.push(inst.arg);
      } else if (rune !== END_TEXT && Inst.isRuneOp(inst.op) && inst.matchRune(rune)) nextPCs.push(inst.out);
    }
    if (ids.length > 1) ids.sort((a, b) => a - b);
    if (anchor === RE2Flags.UNANCHORED && rune !== END_TEXT) nextPCs.push(this.prog.start);
    let flag = afterflag;
    if (ismatch) flag |= DFA2.FLAG_MATCH;
    if (isword) flag |= DFA2.FLAG_LAST_WORD;
    const nextState = this.makeState(nextPCs, flag, ids);
    if (nextState === null) return null;
    table[cls] = nextState;
    return nextState;
  }
  start(input, pos) {
    const context2 = input.context(pos);
    let flags;
    if ((context2 & Utils.EMPTY_BEGIN_TEXT) !== 0) flags = Utils.EMPTY_BEGIN_TEXT | Utils.EMPTY_BEGIN_LINE;
    else if ((context2 & Utils.EMPTY_BEGIN_LINE) !== 0) flags = Utils.EMPTY_BEGIN_LINE;
    else {
      const r = input.step(pos);
      const nextIsWord = r >= 0 && Utils.isWordRune(r >> 3);
      flags = (context2 & Utils.EMPTY_WORD_BOUNDARY) !== 0 !== nextIsWord ? DFA2.FLAG_LAST_WORD : 0;
    }
    let state = this.startStates.get(flags);
    if (state === void 0) {
      state = this.makeState([this.prog.start], flags, NO_IDS);
      if (state === null) {
        this.clearCache();
        state = this.makeState([this.prog.start], flags, NO_IDS);
        if (state === null) return null;
      }
      this.startStates.set(flags, state);
    }
    return state;
  }
  stepOrReset(state, cls, rune, anchor, pos, search) {
    let next = this.step(state, cls, rune, anchor);
    if (next !== null) return next;
    if (search.resetPos >= 0 && pos - search.resetPos < DFA2.PROGRESS_PER_STATE * this.stateCount) return null;
    search.resetPos = pos;
    const restored = this.resetCache(state);
    if (restored === null) return null;
    next = this.step(restored, cls, rune, anchor);
    return next;
  }
  run(input, pos, anchor, state, onMatch) {
    const endPos = input.endPos();
    const latin1Class = this.latin1Class;
    const unanchored = anchor === RE2Flags.UNANCHORED;
    const search = { resetPos: -1 };
    let i = pos;
    while (i < endPos) {
      const r = input.step(i);
      const rune = r >> 3;
      const width = r & 7;
      if (width === 0) break;
      const cls = rune <= Unicode.MAX_LATIN1 ? latin1Class[rune] : this.runeClass(rune);
      let next = unanchored && state.next !== null ? state.next[cls] : null;
      if (next === null) {
        next = this.stepOrReset(state, cls, rune, anchor, i, search);
        if (next === null) return null;
      }
      state = next;
      if (state.isMatch && onMatch(state, false)) return true;
      if (!unanchored && state.nfaStates.length === 0) return false;
      i += width;
    }
    state = this.stepOrReset(state, this.numClasses, END_TEXT, anchor, i, search);
    if (state === null) return null;
    return state.isMatch && onMatch(state, true);
  }
  match(input, pos, anchor) {
    if (this.failed) return null;
    if ((anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) && pos !== 0) return false;
    const startState = this.start(input, pos);
    if (startState === null) return null;
    return this.run(input, pos, anchor, startState, (state, atEnd) => anchor !== RE2Flags.ANCHOR_BOTH || atEnd);
  }
  matchSet(input, pos, anchor) {
    if (this.failed) return null;
    if ((anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) && pos !== 0) return [];
    const startState = this.start(input, pos);
    if (startState === null) return null;
    const matches = /* @__PURE__ */ new Set();
    const collect = (state, atEnd) => {
      if (anchor !== RE2Flags.ANCHOR_BOTH || atEnd) for (let k = 0; k < state.matchIDs.length; k++) matches.add(state.matchIDs[k]);
      return false;
    };
    if (this.run(input, pos, anchor, startState, collect) === null) return null;
    return Array.from(matches).sort((a, b) => a - b);
  }
};
var VISITED_BITS = 32;
var MAX_BACKTRACK_PROG = 500;
var INITIAL_JOB_CAPACITY = 256;
var MAX_BACKTRACK_VECTOR = 262144;
var BitState = class {
  constructor() {
    this.end = 0;
    this.cap = /* @__PURE__ */ new Int32Array(0);
    this.matchcap = /* @__PURE__ */ new Int32Array(0);
    this.ncap = 0;
    this.jobPc = new Int32Array(INITIAL_JOB_CAPACITY);
    this.jobArg = new Uint8Array(INITIAL_JOB_CAPACITY);
    this.jobPos = new Int32Array(INITIAL_JOB_CAPACITY);
    this.jobLen = 0;
    this.visited = /* @__PURE__ */ new Uint32Array(0);
  }
  reset(prog, end, ncap) {
    this.end = end;
    this.jobLen = 0;
    this.ncap = ncap;
    const visitedSize = prog.numInst() * (end + 1) + VISITED_BITS - 1 >>> 5;
    if (this.visited.length < visitedSize) this.visited = new Uint32Array(visitedSize);
    else this.visited.fill(0, 0, visitedSize);
    if (this.cap.length < ncap) this.cap = new Int32Array(ncap).fill(-1);
    else this.cap.fill(-1, 0, ncap);
    if (this.matchcap.length < ncap) this.matchcap = new Int32Array(ncap).fill(-1);
    else this.matchcap.fill(-1, 0, ncap);
  }
  shouldVisit(pc, pos) {
    const n = pc * (this.end + 1) + pos;
    const idx = n >>> 5;
    const mask2 = 1 << (n & 31);
    if ((this.visited[idx] & mask2) !== 0) return false;
    this.visited[idx] |= mask2;
    return true;
  }
  push(re2, pc, pos, arg) {
    if (re2.prog.getInst(pc).op !== Inst.FAIL && (arg || this.shouldVisit(pc, pos))) {
      if (this.jobLen >= this.jobPc.length) {
        const newSize = this.jobPc.length * 2;
        const newPc = new Int32Array(newSize);
        newPc.set(this.jobPc);
        this.jobPc = newPc;
        const newArg = new Uint8Array(newSize);
        newArg.set(this.jobArg);
        this.jobArg = newArg;
        const newPos = new Int32Array(newSize);
        newPos.set(this.jobPos);
        this.jobPos = newPos;
      }
      this.jobPc[this.jobLen] = pc;
      this.jobArg[this.jobLen] = arg ? 1 : 0;
      this.jobPos[this.jobLen] = pos;
      this.jobLen++;
    }
  }
  tryBacktrack(re2, input, pc, pos, anchor) {
    const longest = re2.longest;
    this.push(re2, pc, pos, false);
    while (this.jobLen > 0) {
      this.jobLen--;
      let currentPc = this.jobPc[this.jobLen];
      let arg = this.jobArg[this.jobLen] === 1;
      let currentPos = this.jobPos[this.jobLen];
      let skipShouldVisit = true;
      while (true) {
        if (!skipShouldVisit) {
          if (!this.shouldVisit(currentPc, currentPos)) break;
        }
        skipShouldVisit = false;
        const inst = re2.prog.getInst(currentPc);
        switch (inst.op) {
          case Inst.FAIL:
            break;
          case Inst.ALT:
            if (arg) {
              arg = false;
              currentPc = inst.arg;
              continue;
            } else {
              this.push(re2, currentPc, currentPos, true);
              currentPc = inst.out;
              continue;
            }
          case Inst.ALT_MATCH: {
            const outInst = re2.prog.getInst(inst.out);
            if (Inst.isRuneOp(outInst.op)) {
              this.push(re2, inst.arg, currentPos, false);
              currentPc = inst.arg;
              currentPos = this.end;
              continue;
            }
            this.push(re2, inst.out, this.end, false);
            currentPc = inst.out;
            continue;
          }
          case Inst.RUNE: {
            const r = input.step(currentPos);
            if (r === MachineInputBase.EOF()) break;
            if (!inst.matchRune(r >> 3)) break;
            currentPos += r & 7;
            currentPc = inst.out;
            continue;
          }
          case Inst.RUNE1: {
            const r = input.step(currentPos);
            if (r === MachineInputBase.EOF()) break;
            if (r >> 3 !== inst.runes[0]) break;
            currentPos += r & 7;
            currentPc = inst.out;
            continue;
          }
          case Inst.RUNE_ANY_NOT_NL: {
            const r = input.step(currentPos);
            if (r === MachineInputBase.EOF()) break;
            if (r >> 3 === 10) break;
            currentPos += r & 7;
            currentPc = inst.out;
            continue;
          }
          case Inst.RUNE_ANY: {
            const r = input.step(currentPos);
            if (r === MachineInputBase.EOF()) break;
            currentPos += r & 7;
            currentPc = inst.out;
            continue;
          }
          case Inst.CAPTURE:
            if (arg) {
              this.cap[inst.arg] = currentPos;
              break;
            } else {
              if (inst.arg < this.ncap) {
                this.push(re2, currentPc, this.cap[inst.arg], true);
                this.cap[inst.arg] = currentPos;
              }
              currentPc = inst.out;
              continue;
            }
          case Inst.EMPTY_WIDTH: {
            const flag = input.context(currentPos);
            if ((inst.arg & ~flag) !== 0) break;
            currentPc = inst.out;
            continue;
          }
          case Inst.NOP:
            currentPc = inst.out;
            continue;
          case Inst.MATCH: {
            if (anchor === RE2Flags.ANCHOR_BOTH && currentPos !== this.end) break;
            if (this.ncap === 0) return true;
            if (this.ncap > 1) this.cap[1] = currentPos;
            const old = this.matchcap[1];
            if (old === -1 || longest && currentPos > 0 && currentPos > old) this.matchcap.set(this.cap);
            if (!longest) return true;
            if (currentPos === this.end) return true;
            break;
          }
          case Inst.LB_WRITE:
          case Inst.LB_CHECK:
            throw new RE2JSInternalException("Backtracker cannot evaluate Lookbehind instructions");
          default:
            throw new RE2JSInternalException("bad inst");
        }
        break;
      }
    }
    return longest && this.matchcap.length > 1 && this.matchcap[1] >= 0;
  }
};
var bitStatePool = [];
var Backtracker = class Backtracker2 {
  static shouldBacktrack(prog) {
    return prog.numInst() <= MAX_BACKTRACK_PROG;
  }
  static maxBitStateLen(prog) {
    if (!Backtracker2.shouldBacktrack(prog)) return 0;
    return Math.floor(MAX_BACKTRACK_VECTOR / prog.numInst());
  }
  static execute(re2, input, pos, anchor, ncap) {
    const startCond = re2.cond;
    if (startCond === Utils.EMPTY_ALL) return null;
    if ((anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) && pos !== 0) return null;
    if ((startCond & Utils.EMPTY_BEGIN_TEXT) !== 0 && pos !== 0) return null;
    const b = bitStatePool.length > 0 ? bitStatePool.pop() : new BitState();
    const end = input.endPos();
    b.reset(re2.prog, end, ncap);
    let matched = false;
    if ((startCond & Utils.EMPTY_BEGIN_TEXT) !== 0 || anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) {
      if (b.ncap > 0) b.cap[0] = pos;
      if (b.tryBacktrack(re2, input, re2.prog.start, pos, anchor)) matched = true;
    } else {
      let width = -1;
      for (; pos <= end && width !== 0; pos += width) {
        if (re2.prefix.length > 0) {
          const advance = input.index(re2, pos);
          if (advance < 0) break;
          pos += advance;
        }
        if (b.ncap > 0) b.cap[0] = pos;
        if (b.tryBacktrack(re2, input, re2.prog.start, pos, anchor)) {
          matched = true;
          break;
        }
        const r = input.step(pos);
        width = r === MachineInputBase.EOF() ? 0 : r & 7;
      }
    }
    if (!matched) {
      bitStatePool.push(b);
      return null;
    }
    const result = ncap === 0 ? [] : Utils.toArray(b.matchcap.subarray(0, ncap));
    bitStatePool.push(b);
    return result;
  }
};
var QueueOnePass = class {
  constructor(size) {
    this.sparse = new Uint32Array(size);
    this.dense = new Uint32Array(size);
    this.size = 0;
    this.nextIndex = 0;
  }
  empty() {
    return this.nextIndex >= this.size;
  }
  next() {
    return this.dense[this.nextIndex++];
  }
  clear() {
    this.size = 0;
    this.nextIndex = 0;
  }
  contains(u) {
    return u < this.sparse.length && this.sparse[u] < this.size && this.dense[this.sparse[u]] === u;
  }
  insert(u) {
    if (!this.contains(u)) this.insertNew(u);
  }
  insertNew(u) {
    if (u >= this.sparse.length) return;
    this.sparse[u] = this.size;
    this.dense[this.size] = u;
    this.size++;
  }
};
var mergeRuneSets = (leftRunes, rightRunes, leftPC, rightPC) => {
  const leftLen = leftRunes.length;
  const rightLen = rightRunes.length;
  let lx = 0, rx = 0;
  const merged = [];
  const next = [];
  let ok = true;
  let ix = -1;
  const extend = (isLeft) => {
    const newArray = isLeft ? leftRunes : rightRunes;
    const low = isLeft ? lx : rx;
    const pc = isLeft ? leftPC : rightPC;
    if (ix > 0 && newArray[low] <= merged[ix]) return false;
    merged.push(newArray[low], newArray[low + 1]);
    if (isLeft) lx += 2;
    else rx += 2;
    ix += 2;
    next.push(pc);
    return true;
  };
  while (lx < leftLen || rx < rightLen) {
    if (rx >= rightLen) ok = extend(true);
    else if (lx >= leftLen) ok = extend(false);
    else if (rightRunes[rx] < leftRunes[lx]) ok = extend(false);
    else ok = extend(true);
    if (!ok) return null;
  }
  return {
    merged,
    next
  };
};
var OnePassProg = class {
  constructor(prog) {
    this.start = prog.start;
    this.numCap = prog.numCap;
    this.inst = new Array(prog.inst.length);
    for (let i = 0; i < prog.inst.length; i++) {
      const orig = prog.inst[i];
      const inst = new Inst(orig.op);
      inst.out = orig.out;
      inst.arg = orig.arg;
      inst.runes = orig.runes ? new Int32Array(orig.runes) : /* @__PURE__ */ new Int32Array(0);
      inst.next = null;
      this.inst[i] = inst;
    }
  }
};
var onePassCopy = (prog) => {
  const p = new OnePassProg(prog);
  for (let pc = 0; pc < p.inst.length; pc++) {
    const inst = p.inst[pc];
    if (inst.op !== Inst.ALT && inst.op !== Inst.ALT_MATCH) continue;
    let pAOther = "out";
    let pAAlt = "arg";
    let instAlt = p.inst[inst[pAAlt]];
    if (instAlt.op !== Inst.ALT && instAlt.op !== Inst.ALT_MATCH) {
      pAOther = "arg";
      pAAlt = "out";
      instAlt = p.inst[inst[pAAlt]];
      if (instAlt.op !== Inst.ALT && instAlt.op !== Inst.ALT_MATCH) continue;
    }
    const instOther = p.inst[inst[pAOther]];
    if (instOther.op === Inst.ALT || instOther.op === Inst.ALT_MATCH) continue;
    let pBAlt = "out";
    let pBOther = "arg";
    let patch = false;
    if (instAlt.out === pc) patch = true;
    else if (instAlt.arg === pc) {
      patch = true;
      pBAlt = "arg";
      pBOther = "out";
    }
    if (patch) instAlt[pBAlt] = inst[pAOther];
    if (inst[pAOther] === instAlt[pBAlt]) inst[pAAlt] = instAlt[pBOther];
  }
  return p;
};
var makeOnePass = (p) => {
  if (p.inst.length >= 1e3) return null;
  const instQueue = new QueueOnePass(p.inst.length);
  const visitQueue = new QueueOnePass(p.inst.length);
  const onePassRunes = new Array(p.inst.length);
  const m = new Array(p.inst.length).fill(false);
  const check = (pc) => {
    let ok = true;
    const inst = p.inst[pc];
    if (visitQueue.contains(pc)) return true;
    visitQueue.insert(pc);
    switch (inst.op) {
      case Inst.ALT:
      case Inst.ALT_MATCH: {
        ok = check(inst.out) && check(inst.arg);
        let matchOut = m[inst.out];
        let matchArg = m[inst.arg];
        if (matchOut && matchArg) return false;
        if (matchArg) {
          const tempOut = inst.out;
          inst.out = inst.arg;
          inst.arg = tempOut;
          const tempMatch = matchOut;
          matchOut = matchArg;
          matchArg = tempMatch;
        }
        if (matchOut) {
          m[pc] = true;
          inst.op = Inst.ALT_MATCH;
        }
        const leftRunes = onePassRunes[inst.out] || [];
        const rightRunes = onePassRunes[inst.arg] || [];
        const mergeRes = mergeRuneSets(leftRunes, rightRunes, inst.out, inst.arg);
        if (!mergeRes) return false;
        onePassRunes[pc] = new Int32Array(mergeRes.merged);
        inst.next = new Uint32Array(mergeRes.next);
        break;
      }
      case Inst.CAPTURE:
      case Inst.EMPTY_WIDTH:
      case Inst.NOP:
        ok = check(inst.out);
        m[pc] = m[inst.out];
        onePassRunes[pc] = onePassRunes[inst.out] ? new Int32Array(onePassRunes[inst.out]) : /* @__PURE__ */ new Int32Array(0);
        inst.next = new Uint32Array(Math.floor(onePassRunes[pc].length / 2) + 1).fill(inst.out);
        break;
      case Inst.MATCH:
      case Inst.FAIL:
        m[pc] = inst.op === Inst.MATCH;
        break;
      case Inst.RUNE: {
        m[pc] = false;
        if (inst.next && inst.next.length > 0) break;
        instQueue.insert(inst.out);
        if (!inst.runes || inst.runes.length === 0) {
          onePassRunes[pc] = /* @__PURE__ */ new Int32Array(0);
          inst.next = new Uint32Array([inst.out]);
          break;
        }
        let runes = [];
        if (inst.runes.length === 1 && (inst.arg & RE2Flags.FOLD_CASE) !== 0) {
          const r0 = inst.runes[0];
          runes.push(r0, r0);
          for (let r1 = Unicode.simpleFold(r0); r1 !== r0; r1 = Unicode.simpleFold(r1)) runes.push(r1, r1);
          runes.sort((a, b) => a - b);
        } else for (let j = 0; j < inst.runes.length; j++) runes.push(inst.runes[j]);
        onePassRunes[pc] = new Int32Array(runes);
        inst.next = new Uint32Array(Math.floor(runes.length / 2) + 1).fill(inst.out);
        inst.op = Inst.RUNE;
        break;
      }
      case Inst.RUNE1: {
        m[pc] = false;
        if (inst.next && inst.next.length > 0) break;
        instQueue.insert(inst.out);
        let runes = [];
        if ((inst.arg & RE2Flags.FOLD_CASE) !== 0) {
          const r0 = inst.runes[0];
          runes.push(r0, r0);
          for (let r1 = Unicode.simpleFold(r0); r1 !== r0; r1 = Unicode.simpleFold(r1)) runes.push(r1, r1);
          runes.sort((a, b) => a - b);
        } else runes.push(inst.runes[0], inst.runes[0]);
        onePassRunes[pc] = new Int32Array(runes);
        inst.next = new Uint32Array(Math.floor(runes.length / 2) + 1).fill(inst.out);
        inst.op = Inst.RUNE;
        break;
      }
      case Inst.RUNE_ANY:
        m[pc] = false;
        if (inst.next && inst.next.length > 0) break;
        instQueue.insert(inst.out);
        onePassRunes[pc] = new Int32Array([0, Unicode.MAX_RUNE]);
        inst.next = new Uint32Array([inst.out]);
        break;
      case Inst.RUNE_ANY_NOT_NL:
        m[pc] = false;
        if (inst.next && inst.next.length > 0) break;
        instQueue.insert(inst.out);
        onePassRunes[pc] = new Int32Array([
          0,
          9,
          11,
          Unicode.MAX_RUNE
        ]);
        inst.next = new Uint32Array(Math.floor(onePassRunes[pc].length / 2) + 1).fill(inst.out);
    }
    return ok;
  };
  instQueue.clear();
  instQueue.insert(p.start);
  while (!instQueue.empty()) {
    visitQueue.clear();
    if (!check(instQueue.next())) return null;
  }
  for (let i = 0; i < p.inst.length; i++) if (onePassRunes[i]) p.inst[i].runes = onePassRunes[i];
  return p;
};
var cleanupOnePass = (p, original) => {
  for (let ix = 0; ix < original.inst.length; ix++) {
    const instOriginal = original.inst[ix];
    switch (instOriginal.op) {
      case Inst.ALT:
      case Inst.ALT_MATCH:
      case Inst.RUNE:
        break;
      case Inst.CAPTURE:
      case Inst.EMPTY_WIDTH:
      case Inst.NOP:
      case Inst.MATCH:
      case Inst.FAIL:
        p.inst[ix].next = null;
        break;
      case Inst.RUNE1:
      case Inst.RUNE_ANY:
      case Inst.RUNE_ANY_NOT_NL:
        p.inst[ix].next = null;
        p.inst[ix].op = instOriginal.op;
        p.inst[ix].runes = instOriginal.runes ? new Int32Array(instOriginal.runes) : /* @__PURE__ */ new Int32Array(0);
    }
  }
};
var OnePass = class OnePass2 {
  static compile(prog) {
    if (prog.start === 0) return null;
    if (prog.numLb > 0) return null;
    const startInst = prog.inst[prog.start];
    if (startInst.op !== Inst.EMPTY_WIDTH || (startInst.arg & Utils.EMPTY_BEGIN_TEXT) === 0) return null;
    let hasAlt = false;
    for (let i = 0; i < prog.inst.length; i++) if (prog.inst[i].op === Inst.ALT || prog.inst[i].op === Inst.ALT_MATCH) {
      hasAlt = true;
      break;
    }
    for (let i = 0; i < prog.inst.length; i++) {
      const inst = prog.inst[i];
      const opOut = prog.inst[inst.out].op;
      switch (inst.op) {
        case Inst.ALT:
        case Inst.ALT_MATCH:
          if (opOut === Inst.MATCH || prog.inst[inst.arg].op === Inst.MATCH) return null;
          break;
        case Inst.EMPTY_WIDTH:
          if (opOut === Inst.MATCH) {
            if ((inst.arg & Utils.EMPTY_END_TEXT) === Utils.EMPTY_END_TEXT) continue;
            return null;
          }
          break;
        default:
          if (opOut === Inst.MATCH && hasAlt) return null;
      }
    }
    let p = onePassCopy(prog);
    p = makeOnePass(p);
    if (p !== null) cleanupOnePass(p, prog);
    return p;
  }
  static next(inst, r) {
    const nextIdx = inst.matchRunePos(r);
    if (nextIdx >= 0) return inst.next[nextIdx];
    if (inst.op === Inst.ALT_MATCH) return inst.out;
    return 0;
  }
  static execute(re2, input, pos, anchor, ncap) {
    const onepass = re2.onepass;
    if (!onepass) return null;
    const matchcap = new Int32Array(ncap).fill(-1);
    let matched = false;
    let r = input.step(pos);
    let rune = r >> 3;
    let width = r & 7;
    let r1 = MachineInputBase.EOF();
    let rune1 = -1;
    let width1 = 0;
    if (r !== MachineInputBase.EOF()) {
      r1 = input.step(pos + width);
      if (r1 !== MachineInputBase.EOF()) {
        rune1 = r1 >> 3;
        width1 = r1 & 7;
      }
    }
    let flag = pos === 0 ? Utils.emptyOpContext(-1, rune) : input.context(pos);
    let pc = onepass.start;
    let inst;
    while (true) {
      inst = onepass.inst[pc];
      pc = inst.out;
      switch (inst.op) {
        case Inst.MATCH:
          if (anchor === RE2Flags.ANCHOR_BOTH && pos !== input.endPos()) return null;
          matched = true;
          if (matchcap.length > 0) {
            matchcap[0] = 0;
            matchcap[1] = pos;
          }
          return ncap === 0 ? [] : Utils.toArray(matchcap);
        case Inst.RUNE:
          if (!inst.matchRune(rune)) return null;
          break;
        case Inst.RUNE1:
          if (rune !== inst.runes[0]) return null;
          break;
        case Inst.RUNE_ANY:
          break;
        case Inst.RUNE_ANY_NOT_NL:
          if (rune === 10) return null;
          break;
        case Inst.ALT:
        case Inst.ALT_MATCH:
          pc = OnePass2.next(inst, rune);
          continue;
        case Inst.FAIL:
          return null;
        case Inst.NOP:
          continue;
        case Inst.EMPTY_WIDTH:
          if ((inst.arg & ~flag) !== 0) return null;
          continue;
        case Inst.CAPTURE:
          if (inst.arg < matchcap.length) matchcap[inst.arg] = pos;
          continue;
        default:
          throw new RE2JSInternalException("bad inst");
      }
      if (width === 0) break;
      flag = Utils.emptyOpContext(rune, rune1);
      pos += width;
      rune = rune1;
      width = width1;
      if (rune !== -1) {
        r1 = input.step(pos + width);
        if (r1 !== MachineInputBase.EOF()) {
          rune1 = r1 >> 3;
          width1 = r1 & 7;
        } else {
          rune1 = -1;
          width1 = 0;
        }
      }
    }
    if (!matched) return null;
    return ncap === 0 ? [] : Utils.toArray(matchcap);
  }
};
var Regexp = class Regexp2 {
  static Op = createEnum([
    "NO_MATCH",
    "EMPTY_MATCH",
    "LITERAL",
    "CHAR_CLASS",
    "ANY_CHAR_NOT_NL",
    "ANY_CHAR",
    "BEGIN_LINE",
    "END_LINE",
    "BEGIN_TEXT",
    "END_TEXT",
    "WORD_BOUNDARY",
    "NO_WORD_BOUNDARY",
    "CAPTURE",
    "STAR",
    "PLUS",
    "QUEST",
    "REPEAT",
    "CONCAT",
    "ALTERNATE",
    "PLB",
    "NLB",
    "LEFT_PAREN",
    "VERTICAL_BAR"
  ]);
  static isPseudoOp(op) {
    return op >= Regexp2.Op.LEFT_PAREN;
  }
  static emptySubs() {
    return [];
  }
  static quoteIfHyphen(rune) {
    if (rune === Codepoint.CODES["-"]) return "\\";
    return "";
  }
  static fromRegexp(re) {
    const regex = new Regexp2(re.op);
    regex.flags = re.flags;
    regex.subs = re.subs;
    regex.runes = re.runes;
    regex.cap = re.cap;
    regex.min = re.min;
    regex.max = re.max;
    regex.name = re.name;
    regex.namedGroups = re.namedGroups;
    regex.lb = re.lb;
    return regex;
  }
  constructor(op) {
    this.op = op;
    this.flags = 0;
    this.subs = Regexp2.emptySubs();
    this.runes = /* @__PURE__ */ new Int32Array(0);
    this.min = 0;
    this.max = 0;
    this.cap = 0;
    this.name = null;
    this.namedGroups = /* @__PURE__ */ Object.create(null);
    this.lb = 0;
  }
  reinit() {
    this.flags = 0;
    this.subs = Regexp2.emptySubs();
    this.runes = /* @__PURE__ */ new Int32Array(0);
    this.cap = 0;
    this.min = 0;
    this.max = 0;
    this.name = null;
    this.namedGroups = /* @__PURE__ */ Object.create(null);
    this.lb = 0;
  }
  toString() {
    return this.appendTo();
  }
  appendTo() {
    let out = "";
    switch (this.op) {
      case Regexp2.Op.NO_MATCH:
        out += "[^\\x00-\\x{10FFFF}]";
        break;
      case Regexp2.Op.EMPTY_MATCH:
        out += "(?:)";
        break;
      case Regexp2.Op.STAR:
      case Regexp2.Op.PLUS:
      case Regexp2.Op.QUEST:
      case Regexp2.Op.REPEAT: {
        const sub = this.subs[0];
        if (sub.op > Regexp2.Op.CAPTURE || sub.op === Regexp2.Op.LITERAL && sub.runes.length > 1) out += `(?:${sub.appendTo()})`;
        else out += sub.appendTo();
        switch (this.op) {
          case Regexp2.Op.STAR:
            out += "*";
            break;
          case Regexp2.Op.PLUS:
            out += "+";
            break;
          case Regexp2.Op.QUEST:
            out += "?";
            break;
          case Regexp2.Op.REPEAT:
            out += `{${this.min}`;
            if (this.min !== this.max) {
              out += ",";
              if (this.max >= 0) out += this.max;
            }
            out += "}";
        }
        if ((this.flags & RE2Flags.NON_GREEDY) !== 0) out += "?";
        break;
      }
      case Regexp2.Op.CONCAT:
        for (let sub of this.subs) if (sub.op === Regexp2.Op.ALTERNATE) out += `(?:${sub.appendTo()})`;
        else out += sub.appendTo();
        break;
      case Regexp2.Op.ALTERNATE: {
        let sep = "";
        for (let sub of this.subs) {
          out += sep;
          sep = "|";
          out += sub.appendTo();
        }
        break;
      }
      case Regexp2.Op.LITERAL:
        if ((this.flags & RE2Flags.FOLD_CASE) !== 0) out += "(?i:";
        for (let rune of this.runes) out += Utils.escapeRune(rune);
        if ((this.flags & RE2Flags.FOLD_CASE) !== 0) out += ")";
        break;
      case Regexp2.Op.ANY_CHAR_NOT_NL:
        out += "(?-s:.)";
        break;
      case Regexp2.Op.ANY_CHAR:
        out += "(?s:.)";
        break;
      case Regexp2.Op.PLB:
        out += `(?<=${this.subs[0].appendTo()})`;
        break;
      case Regexp2.Op.NLB:
        out += `(?<!${this.subs[0].appendTo()})`;
        break;
      case Regexp2.Op.CAPTURE:
        if (this.name === null || this.name.length === 0) out += "(";
        else out += `(?P<${this.name}>`;
        if (this.subs[0].op !== Regexp2.Op.EMPTY_MATCH) out += this.subs[0].appendTo();
        out += ")";
        break;
      case Regexp2.Op.BEGIN_TEXT:
        out += "\\A";
        break;
      case Regexp2.Op.END_TEXT:
        if ((this.flags & RE2Flags.WAS_DOLLAR) !== 0) out += "(?-m:$)";
        else out += "\\z";
        break;
      case Regexp2.Op.BEGIN_LINE:
        out += "^";
        break;
      case Regexp2.Op.END_LINE:
        out += "$";
        break;
      case Regexp2.Op.WORD_BOUNDARY:
        out += "\\b";
        break;
      case Regexp2.Op.NO_WORD_BOUNDARY:
        out += "\\B";
        break;
      case Regexp2.Op.CHAR_CLASS:
        if (this.runes.length % 2 !== 0) {
          out += "[invalid char class]";
          break;
        }
        out += "[";
        if (this.runes.length === 0) out += "^\\x00-\\x{10FFFF}";
        else if (this.runes[0] === 0 && this.runes[this.runes.length - 1] === Unicode.MAX_RUNE) {
          out += "^";
          for (let i = 1; i < this.runes.length - 1; i += 2) {
            const lo = this.runes[i] + 1;
            const hi = this.runes[i + 1] - 1;
            out += Regexp2.quoteIfHyphen(lo);
            out += Utils.escapeRune(lo);
            if (lo !== hi) {
              out += "-";
              out += Regexp2.quoteIfHyphen(hi);
              out += Utils.escapeRune(hi);
            }
          }
        } else for (let i = 0; i < this.runes.length; i += 2) {
          const lo = this.runes[i];
          const hi = this.runes[i + 1];
          out += Regexp2.quoteIfHyphen(lo);
          out += Utils.escapeRune(lo);
          if (lo !== hi) {
            out += "-";
            out += Regexp2.quoteIfHyphen(hi);
            out += Utils.escapeRune(hi);
          }
        }
        out += "]";
        break;
      default:
        out += this.op;
    }
    return out;
  }
  maxCap() {
    let m = 0;
    if (this.op === Regexp2.Op.CAPTURE) m = this.cap;
    if (this.subs !== null) for (let sub of this.subs) {
      const n = sub.maxCap();
      if (m < n) m = n;
    }
    return m;
  }
  equals(that) {
    if (!(that !== null && that instanceof Regexp2)) return false;
    if (this.op !== that.op) return false;
    switch (this.op) {
      case Regexp2.Op.END_TEXT:
        if ((this.flags & RE2Flags.WAS_DOLLAR) !== (that.flags & RE2Flags.WAS_DOLLAR)) return false;
        break;
      case Regexp2.Op.LITERAL:
      case Regexp2.Op.CHAR_CLASS:
        if ((this.flags & RE2Flags.FOLD_CASE) !== (that.flags & RE2Flags.FOLD_CASE)) return false;
        if (this.runes === null && that.runes === null) break;
        if (this.runes === null || that.runes === null) return false;
        if (this.runes.length !== that.runes.length) return false;
        for (let i = 0; i < this.runes.length; i++) if (this.runes[i] !== that.runes[i]) return false;
        break;
      case Regexp2.Op.ALTERNATE:
      case Regexp2.Op.CONCAT:
        if (this.subs.length !== that.subs.length) return false;
        for (let i = 0; i < this.subs.length; ++i) if (!this.subs[i].equals(that.subs[i])) return false;
        break;
      case Regexp2.Op.STAR:
      case Regexp2.Op.PLUS:
      case Regexp2.Op.QUEST:
        if ((this.flags & RE2Flags.NON_GREEDY) !== (that.flags & RE2Flags.NON_GREEDY) || !this.subs[0].equals(that.subs[0])) return false;
        break;
      case Regexp2.Op.REPEAT:
        if ((this.flags & RE2Flags.NON_GREEDY) !== (that.flags & RE2Flags.NON_GREEDY) || this.min !== that.min || this.max !== that.max || !this.subs[0].equals(that.subs[0])) return false;
        break;
      case Regexp2.Op.CAPTURE:
        if (this.cap !== that.cap || (this.name === null ? that.name !== null : this.name !== that.name) || !this.subs[0].equals(that.subs[0])) return false;
        break;
      case Regexp2.Op.PLB:
      case Regexp2.Op.NLB:
        if (this.lb !== that.lb || !this.subs[0].equals(that.subs[0])) return false;
    }
    return true;
  }
};
var RegexpWalker = class {
  static walk(root, handler) {
    const stack = [];
    let re = root;
    let result;
    for (; ; ) {
      if (re.subs.length === 0) result = handler.leaf(re);
      else {
        const state = handler.enter(re);
        if (state.result === void 0) {
          stack.push({
            re,
            state,
            i: 0
          });
          re = re.subs[0];
          continue;
        }
        result = state.result;
      }
      for (; ; ) {
        if (stack.length === 0) return result;
        const frame = stack[stack.length - 1];
        handler.child(frame.re, frame.state, result, frame.i);
        frame.i++;
        if (frame.state.result === void 0 && frame.i < frame.re.subs.length) {
          re = frame.re.subs[frame.i];
          break;
        }
        stack.pop();
        result = frame.state.result !== void 0 ? frame.state.result : handler.leave(frame.re, frame.state);
      }
    }
  }
};
var AhoCorasick = class {
  constructor(words, alphabetSize) {
    const edges = /* @__PURE__ */ new Map();
    const parent = [0];
    const unit = [0];
    const depth = [0];
    const terminal = [0];
    for (const word of words) {
      let node = 0;
      for (let i = 0; i < word.length; i++) {
        const key = node * alphabetSize + word[i];
        let child = edges.get(key);
        if (child === void 0) {
          child = parent.length;
          edges.set(key, child);
          parent.push(node);
          unit.push(word[i]);
          depth.push(depth[node] + 1);
          terminal.push(0);
        }
        node = child;
      }
      terminal[node] = 1;
    }
    const numNodes = parent.length;
    const children = new Int32Array(numNodes - 1);
    for (let c = 1; c < numNodes; c++) children[c - 1] = c;
    children.sort((a, b) => parent[a] - parent[b] || unit[a] - unit[b]);
    const childStart = new Int32Array(numNodes + 1);
    for (let c = 1; c < numNodes; c++) childStart[parent[c] + 1]++;
    for (let n = 0; n < numNodes; n++) childStart[n + 1] += childStart[n];
    const childUnit = new Int32Array(numNodes - 1);
    for (let k = 0; k < children.length; k++) childUnit[k] = unit[children[k]];
    this.childStart = childStart;
    this.childUnit = childUnit;
    this.childNode = children;
    const byDepth = new Int32Array(numNodes);
    for (let n = 0; n < numNodes; n++) byDepth[n] = n;
    byDepth.sort((a, b) => depth[a] - depth[b]);
    const fail2 = new Int32Array(numNodes);
    const match = Uint8Array.from(terminal);
    for (let k = 1; k < numNodes; k++) {
      const c = byDepth[k];
      const p = parent[c];
      if (p !== 0) {
        let f = fail2[p];
        let next = this.next(f, unit[c]);
        while (next < 0 && f !== 0) {
          f = fail2[f];
          next = this.next(f, unit[c]);
        }
        fail2[c] = next >= 0 ? next : 0;
      }
      match[c] |= match[fail2[c]];
    }
    this.fail = fail2;
    this.match = match;
  }
  next(node, u) {
    let lo = this.childStart[node];
    let hi = this.childStart[node + 1];
    const units = this.childUnit;
    while (lo < hi) {
      const mid = lo + hi >> 1;
      const m = units[mid];
      if (m === u) return this.childNode[mid];
      if (m < u) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }
  advance(node, u) {
    for (; ; ) {
      const next = this.next(node, u);
      if (next >= 0) return next;
      if (node === 0) return 0;
      node = this.fail[node];
    }
  }
  searchUTF16(charSeq, start, end) {
    let node = 0;
    for (let i = start; i < end; i++) {
      node = this.advance(node, charSeq.charCodeAt(i));
      if (this.match[node] === 1) return true;
    }
    return false;
  }
  searchUTF8(bytes, start, end) {
    let node = 0;
    for (let i = start; i < end; i++) {
      node = this.advance(node, bytes[i]);
      if (this.match[node] === 1) return true;
    }
    return false;
  }
};
var Prefilter = class Prefilter2 {
  static Type = {
    NONE: 0,
    EXACT: 1,
    AND: 2,
    OR: 3
  };
  static MAX_SCANS = 32;
  static MAX_AC_UNITS = 1 << 18;
  constructor(type) {
    this.type = type;
    this.subs = [];
    this.str = "";
    this.bytes = null;
    this.cost = type === Prefilter2.Type.EXACT ? 1 : 0;
    this.allExact = false;
    this.ac16 = null;
    this.ac8 = null;
  }
  automaton16() {
    if (this.ac16 === null) {
      const words = this.subs.map((s) => {
        const arr2 = new Array(s.str.length);
        for (let i = 0; i < s.str.length; i++) arr2[i] = s.str.charCodeAt(i);
        return arr2;
      });
      this.ac16 = new AhoCorasick(words, 65536);
    }
    return this.ac16;
  }
  automaton8() {
    if (this.ac8 === null) this.ac8 = new AhoCorasick(this.subs.map((s) => s.bytes), 256);
    return this.ac8;
  }
  eval(input, pos) {
    switch (this.type) {
      case Prefilter2.Type.NONE:
        return true;
      case Prefilter2.Type.EXACT:
        return input.hasString(this, pos);
      case Prefilter2.Type.AND:
        for (let i = 0; i < this.subs.length; i++) if (!this.subs[i].eval(input, pos)) return false;
        return true;
      case Prefilter2.Type.OR:
        if (this.allExact) return input.hasAnyString(this, pos);
        for (let i = 0; i < this.subs.length; i++) if (this.subs[i].eval(input, pos)) return true;
        return false;
      default:
        return true;
    }
  }
};
var PrefilterTree = class PrefilterTree2 {
  static build(re) {
    if (!re) return new Prefilter(Prefilter.Type.NONE);
    return RegexpWalker.walk(re, PrefilterTree2.WALKER);
  }
  static WALKER = {
    leaf: (re) => PrefilterTree2.leaf(re),
    enter: (re) => PrefilterTree2.enter(re),
    child: (re, state, result) => PrefilterTree2.child(re, state, result),
    leave: (re, state) => PrefilterTree2.leave(re, state)
  };
  static leaf(re) {
    if (re.op !== Regexp.Op.LITERAL) return new Prefilter(Prefilter.Type.NONE);
    if (re.runes.length === 0 || (re.flags & RE2Flags.FOLD_CASE) !== 0) return new Prefilter(Prefilter.Type.NONE);
    let str = "";
    for (let i = 0; i < re.runes.length; i++) {
      if (Unicode.isUnsearchable(re.runes[i])) return new Prefilter(Prefilter.Type.NONE);
      str += String.fromCodePoint(re.runes[i]);
    }
    const pf = new Prefilter(Prefilter.Type.EXACT);
    pf.str = str;
    pf.bytes = Utils.stringToUtf8ByteArray(pf.str);
    return pf;
  }
  static enter(re) {
    switch (re.op) {
      case Regexp.Op.CAPTURE:
      case Regexp.Op.PLUS:
        return { sub: null };
      case Regexp.Op.REPEAT:
        if (re.min >= 1) return { sub: null };
        return { result: new Prefilter(Prefilter.Type.NONE) };
      case Regexp.Op.CONCAT:
        return {
          pf: new Prefilter(Prefilter.Type.AND),
          subs: []
        };
      case Regexp.Op.ALTERNATE:
        return {
          pf: new Prefilter(Prefilter.Type.OR),
          subs: []
        };
      default:
        return { result: new Prefilter(Prefilter.Type.NONE) };
    }
  }
  static child(re, state, s) {
    if (state.subs === void 0) {
      state.sub = s;
      return;
    }
    if (state.pf.type === Prefilter.Type.AND) {
      if (s.type === Prefilter.Type.NONE) return;
      if (s.type === Prefilter.Type.AND) {
        for (let j = 0; j < s.subs.length; j++) state.subs.push(s.subs[j]);
        return;
      }
      state.subs.push(s);
      return;
    }
    if (s.type === Prefilter.Type.NONE) {
      state.result = new Prefilter(Prefilter.Type.NONE);
      return;
    }
    if (s.type === Prefilter.Type.OR) {
      for (let j = 0; j < s.subs.length; j++) state.subs.push(s.subs[j]);
      return;
    }
    state.subs.push(s);
  }
  static leave(re, state) {
    if (state.subs === void 0) return state.sub;
    const pf = state.pf;
    const seen = /* @__PURE__ */ new Set();
    const subs = [];
    for (const sub of state.subs) {
      if (sub.type === Prefilter.Type.EXACT) {
        if (seen.has(sub.str)) continue;
        seen.add(sub.str);
      }
      subs.push(sub);
    }
    if (pf.type === Prefilter.Type.AND) {
      const kept = [];
      let cost2 = 0;
      for (const sub of subs) {
        if (cost2 + sub.cost > Prefilter.MAX_SCANS) continue;
        kept.push(sub);
        cost2 += sub.cost;
      }
      if (kept.length === 0) return new Prefilter(Prefilter.Type.NONE);
      if (kept.length === 1) return kept[0];
      pf.subs = kept;
      pf.cost = cost2;
      return pf;
    }
    if (subs.length === 0) return new Prefilter(Prefilter.Type.NONE);
    if (subs.length === 1) return subs[0];
    pf.subs = subs;
    let allExact = true;
    let cost = 0;
    let units = 0;
    for (const sub of subs) {
      if (sub.type !== Prefilter.Type.EXACT) allExact = false;
      else units += sub.bytes.length;
      cost += sub.cost;
    }
    if (allExact) {
      if (units > Prefilter.MAX_AC_UNITS) return new Prefilter(Prefilter.Type.NONE);
      pf.allExact = true;
      pf.cost = 1;
      return pf;
    }
    if (cost > Prefilter.MAX_SCANS) return new Prefilter(Prefilter.Type.NONE);
    pf.cost = cost;
    return pf;
  }
};
var PatchList = class {
  /**
  * @param {number} head - Encoded pointer to the start of the patch list.
  * @param {number} tail - Encoded pointer to the end of the patch list.
  */
  constructor(head = 0, tail = 0) {
    this.head = head;
    this.tail = tail;
  }
};
var Prog = class {
  constructor() {
    this.inst = [];
    this.start = 0;
    this.numCap = 2;
    this.lbStarts = [];
    this.numLb = 0;
    this.lbInst = null;
  }
  getInst(pc) {
    return this.inst[pc];
  }
  numInst() {
    return this.inst.length;
  }
  addInst(op) {
    this.inst.push(new Inst(op));
  }
  markLookbehindInsts() {
    const lbInst = new Uint8Array(this.inst.length);
    const pending = this.lbStarts.slice();
    while (pending.length > 0) {
      const pc = pending.pop();
      if (pc === 0 || lbInst[pc] === 1) continue;
      lbInst[pc] = 1;
      const i = this.inst[pc];
      switch (i.op) {
        case Inst.ALT:
        case Inst.ALT_MATCH:
          pending.push(i.out, i.arg);
          break;
        case Inst.MATCH:
        case Inst.FAIL:
          break;
        default:
          pending.push(i.out);
      }
    }
    this.lbInst = lbInst;
  }
  skipNop(pc) {
    let i = this.inst[pc];
    while (i.op === Inst.NOP || i.op === Inst.CAPTURE) {
      i = this.inst[pc];
      pc = i.out;
    }
    return i;
  }
  /** @returns {[boolean, string]} */
  prefix() {
    let prefix = "";
    let i = this.skipNop(this.start);
    if (!Inst.isRuneOp(i.op) || i.runes.length !== 1) return [i.op === Inst.MATCH, prefix];
    while (Inst.isRuneOp(i.op) && i.runes.length === 1 && (i.arg & RE2Flags.FOLD_CASE) === 0 && !Unicode.isUnsearchable(i.runes[0])) {
      prefix += String.fromCodePoint(i.runes[0]);
      i = this.skipNop(i.out);
    }
    return [i.op === Inst.MATCH, prefix];
  }
  startCond() {
    let flag = 0;
    let pc = this.start;
    loop: for (; ; ) {
      const i = this.inst[pc];
      switch (i.op) {
        case Inst.EMPTY_WIDTH:
          flag |= i.arg;
          break;
        case Inst.FAIL:
          return -1;
        case Inst.CAPTURE:
        case Inst.NOP:
          break;
        default:
          break loop;
      }
      pc = i.out;
    }
    return flag;
  }
  patch(l, val) {
    let head = l.head;
    while (head !== 0) {
      const i = this.inst[head >> 1];
      if ((head & 1) === 0) {
        head = i.out;
        i.out = val;
      } else {
        head = i.arg;
        i.arg = val;
      }
    }
  }
  append(l1, l2) {
    if (l1.head === 0) return l2;
    if (l2.head === 0) return l1;
    const i = this.inst[l1.tail >> 1];
    if ((l1.tail & 1) === 0) i.out = l2.head;
    else i.arg = l2.head;
    return new PatchList(l1.head, l2.tail);
  }
  /**
  *
  * @returns {string}
  */
  toString() {
    let out = "";
    for (let pc = 0; pc < this.inst.length; pc++) {
      const len = out.length;
      out += pc;
      if (pc === this.start) out += "*";
      out += "        ".substring(out.length - len);
      out += this.inst[pc];
      out += "\n";
    }
    return out;
  }
};
var ANY_RUNE_NOT_NL = new Int32Array([
  0,
  Codepoint.CODES["\n"] - 1,
  Codepoint.CODES["\n"] + 1,
  Unicode.MAX_RUNE
]);
var ANY_RUNE = new Int32Array([0, Unicode.MAX_RUNE]);
var Frag = class {
  constructor(i = 0, out = new PatchList(), nullable = false) {
    this.i = i;
    this.out = out;
    this.nullable = nullable;
  }
};
var Compiler = class Compiler2 {
  static compileRegexp(re) {
    const c = new Compiler2();
    const f = c.compile(re);
    c.prog.patch(f.out, c.newInst(Inst.MATCH).i);
    c.prog.start = f.i;
    c.prog.markLookbehindInsts();
    return c.prog;
  }
  static compileSet(regexps) {
    const c = new Compiler2();
    if (regexps.length === 0) {
      c.prog.start = c.newInst(Inst.FAIL).i;
      c.prog.markLookbehindInsts();
      return c.prog;
    }
    let starts = [];
    for (let i = 0; i < regexps.length; i++) {
      c.lbOffset = c.prog.numLb;
      const f = c.compile(regexps[i]);
      const m = c.newInst(Inst.MATCH);
      c.prog.getInst(m.i).arg = i;
      c.prog.patch(f.out, m.i);
      starts.push(f.i);
    }
    let start = starts[0];
    for (let i = 1; i < starts.length; i++) {
      const f = c.newInst(Inst.ALT);
      const inst = c.prog.getInst(f.i);
      inst.out = start;
      inst.arg = starts[i];
      start = f.i;
    }
    c.prog.start = start;
    c.prog.markLookbehindInsts();
    return c.prog;
  }
  constructor() {
    this.prog = new Prog();
    this.newInst(Inst.FAIL);
    this.lbOffset = 0;
    this.runeCache = /* @__PURE__ */ new Map();
    this.walker = {
      leaf: (re) => this.leaf(re),
      enter: (re) => this.enter(re),
      child: (re, state, result) => this.child(re, state, result),
      leave: (re, state) => this.leave(re, state)
    };
  }
  newInst(op) {
    this.prog.addInst(op);
    return new Frag(this.prog.numInst() - 1, new PatchList(), true);
  }
  nop() {
    const f = this.newInst(Inst.NOP);
    f.out = new PatchList(f.i << 1, f.i << 1);
    return f;
  }
  fail() {
    return new Frag();
  }
  cap(arg) {
    const f = this.newInst(Inst.CAPTURE);
    f.out = new PatchList(f.i << 1, f.i << 1);
    this.prog.getInst(f.i).arg = arg;
    if (this.prog.numCap < arg + 1) this.prog.numCap = arg + 1;
    return f;
  }
  cat(f1, f2) {
    if (f1.i === 0 || f2.i === 0) {
      this.prog.patch(f1.out, 0);
      this.prog.patch(f2.out, 0);
      return this.fail();
    }
    this.prog.patch(f1.out, f2.i);
    return new Frag(f1.i, f2.out, f1.nullable && f2.nullable);
  }
  alt(f1, f2) {
    if (f1.i === 0) return f2;
    if (f2.i === 0) return f1;
    const f = this.newInst(Inst.ALT);
    const i = this.prog.getInst(f.i);
    i.out = f1.i;
    i.arg = f2.i;
    f.out = this.prog.append(f1.out, f2.out);
    f.nullable = f1.nullable || f2.nullable;
    return f;
  }
  loop(f1, nongreedy) {
    const f = this.newInst(Inst.ALT);
    const i = this.prog.getInst(f.i);
    if (nongreedy) {
      i.arg = f1.i;
      f.out = new PatchList(f.i << 1, f.i << 1);
    } else {
      i.out = f1.i;
      f.out = new PatchList(f.i << 1 | 1, f.i << 1 | 1);
    }
    this.prog.patch(f1.out, f.i);
    return f;
  }
  quest(f1, nongreedy) {
    if (f1.i === 0) return this.nop();
    const f = this.newInst(Inst.ALT);
    const i = this.prog.getInst(f.i);
    if (nongreedy) {
      i.arg = f1.i;
      f.out = new PatchList(f.i << 1, f.i << 1);
    } else {
      i.out = f1.i;
      f.out = new PatchList(f.i << 1 | 1, f.i << 1 | 1);
    }
    f.out = this.prog.append(f.out, f1.out);
    return f;
  }
  star(f1, nongreedy) {
    if (f1.i === 0) return this.nop();
    if (f1.nullable) return this.quest(this.plus(f1, nongreedy), nongreedy);
    return this.loop(f1, nongreedy);
  }
  plus(f1, nongreedy) {
    if (f1.i === 0) return this.fail();
    return new Frag(f1.i, this.loop(f1, nongreedy).out, f1.nullable);
  }
  empty(op) {
    const f = this.newInst(Inst.EMPTY_WIDTH);
    this.prog.getInst(f.i).arg = op;
    f.out = new PatchList(f.i << 1, f.i << 1);
    return f;
  }
  rune(runes, flags) {
    const f = this.newInst(Inst.RUNE);
    f.nullable = false;
    const i = this.prog.getInst(f.i);
    i.runes = runes;
    flags &= RE2Flags.FOLD_CASE;
    if (runes.length !== 1 || Unicode.simpleFold(runes[0]) === runes[0]) flags &= ~RE2Flags.FOLD_CASE;
    i.arg = flags;
    f.out = new PatchList(f.i << 1, f.i << 1);
    if ((flags & RE2Flags.FOLD_CASE) === 0 && runes.length === 1 || runes.length === 2 && runes[0] === runes[1]) i.op = Inst.RUNE1;
    else if (runes.length === 2 && runes[0] === 0 && runes[1] === Unicode.MAX_RUNE) i.op = Inst.RUNE_ANY;
    else if (runes.length === 4 && runes[0] === 0 && runes[1] === Codepoint.CODES["\n"] - 1 && runes[2] === Codepoint.CODES["\n"] + 1 && runes[3] === Unicode.MAX_RUNE) i.op = Inst.RUNE_ANY_NOT_NL;
    return f;
  }
  lookBehind(a, parsedLb) {
    const lb = Math.sign(parsedLb) * (Math.abs(parsedLb) + this.lbOffset);
    const id = this.newInst(Inst.LB_WRITE);
    this.prog.getInst(id.i).arg = lb;
    const any = this.rune(ANY_RUNE, 0);
    const dotStar = this.star(any, true);
    const lbAutomaton = this.cat(dotStar, a);
    this.prog.patch(lbAutomaton.out, id.i);
    const checkId = this.newInst(Inst.LB_CHECK);
    this.prog.getInst(checkId.i).arg = lb;
    this.prog.lbStarts.push(lbAutomaton.i);
    if (Math.abs(lb) > this.prog.numLb) this.prog.numLb = Math.abs(lb);
    checkId.out = new PatchList(checkId.i << 1, checkId.i << 1);
    return checkId;
  }
  compile(re) {
    return RegexpWalker.walk(re, this.walker);
  }
  leaf(re) {
    switch (re.op) {
      case Regexp.Op.NO_MATCH:
        return this.fail();
      case Regexp.Op.EMPTY_MATCH:
        return this.nop();
      case Regexp.Op.LITERAL: {
        if (re.runes.length === 0) return this.nop();
        let f = null;
        for (let r of re.runes) {
          let singleRune = this.runeCache.get(r);
          if (singleRune === void 0) {
            singleRune = new Int32Array([r]);
            this.runeCache.set(r, singleRune);
          }
          const f1 = this.rune(singleRune, re.flags);
          f = f === null ? f1 : this.cat(f, f1);
        }
        return f;
      }
      case Regexp.Op.CHAR_CLASS:
        return this.rune(re.runes, re.flags);
      case Regexp.Op.ANY_CHAR_NOT_NL:
        return this.rune(ANY_RUNE_NOT_NL, 0);
      case Regexp.Op.ANY_CHAR:
        return this.rune(ANY_RUNE, 0);
      case Regexp.Op.BEGIN_LINE:
        return this.empty(Utils.EMPTY_BEGIN_LINE);
      case Regexp.Op.END_LINE:
        return this.empty(Utils.EMPTY_END_LINE);
      case Regexp.Op.BEGIN_TEXT:
        return this.empty(Utils.EMPTY_BEGIN_TEXT);
      case Regexp.Op.END_TEXT:
        return this.empty(Utils.EMPTY_END_TEXT);
      case Regexp.Op.WORD_BOUNDARY:
        return this.empty(Utils.EMPTY_WORD_BOUNDARY);
      case Regexp.Op.NO_WORD_BOUNDARY:
        return this.empty(Utils.EMPTY_NO_WORD_BOUNDARY);
      case Regexp.Op.CONCAT:
      case Regexp.Op.ALTERNATE:
        return this.nop();
      default:
        throw new RE2JSCompileException("regexp: unhandled case in compile");
    }
  }
  enter(re) {
    switch (re.op) {
      case Regexp.Op.PLB:
      case Regexp.Op.NLB:
      case Regexp.Op.STAR:
      case Regexp.Op.PLUS:
      case Regexp.Op.QUEST:
        return { sub: null };
      case Regexp.Op.CAPTURE:
        return {
          bra: this.cap(re.cap << 1),
          sub: null
        };
      case Regexp.Op.CONCAT:
      case Regexp.Op.ALTERNATE:
        return { f: null };
      default:
        throw new RE2JSCompileException("regexp: unhandled case in compile");
    }
  }
  child(re, state, f1) {
    if (re.op === Regexp.Op.CONCAT) state.f = state.f === null ? f1 : this.cat(state.f, f1);
    else if (re.op === Regexp.Op.ALTERNATE) state.f = state.f === null ? f1 : this.alt(state.f, f1);
    else state.sub = f1;
  }
  leave(re, state) {
    switch (re.op) {
      case Regexp.Op.PLB:
      case Regexp.Op.NLB:
        return this.lookBehind(state.sub, re.lb);
      case Regexp.Op.CAPTURE: {
        const ket = this.cap(re.cap << 1 | 1);
        return this.cat(this.cat(state.bra, state.sub), ket);
      }
      case Regexp.Op.STAR:
        return this.star(state.sub, (re.flags & RE2Flags.NON_GREEDY) !== 0);
      case Regexp.Op.PLUS:
        return this.plus(state.sub, (re.flags & RE2Flags.NON_GREEDY) !== 0);
      case Regexp.Op.QUEST:
        return this.quest(state.sub, (re.flags & RE2Flags.NON_GREEDY) !== 0);
      case Regexp.Op.CONCAT:
      case Regexp.Op.ALTERNATE:
        return state.f;
      default:
        throw new RE2JSCompileException("regexp: unhandled case in compile");
    }
  }
};
var Simplify = class Simplify2 {
  static simplify(re) {
    if (re === null) return null;
    return RegexpWalker.walk(re, Simplify2.WALKER);
  }
  static WALKER = {
    leaf: (re) => Simplify2.leaf(re),
    enter: (re) => Simplify2.enter(re),
    child: (re, state, result, i) => Simplify2.child(re, state, result, i),
    leave: (re, state) => Simplify2.leave(re, state)
  };
  static leaf(re) {
    if (re.op === Regexp.Op.CHAR_CLASS) {
      if (re.runes === null) return re;
      if (re.runes.length === 0) return new Regexp(Regexp.Op.NO_MATCH);
      if (re.runes.length === 2 && re.runes[0] === 0 && re.runes[1] === Unicode.MAX_RUNE) return new Regexp(Regexp.Op.ANY_CHAR);
      if (re.runes.length === 4 && re.runes[0] === 0 && re.runes[1] === Codepoint.CODES["\n"] - 1 && re.runes[2] === Codepoint.CODES["\n"] + 1 && re.runes[3] === Unicode.MAX_RUNE) return new Regexp(Regexp.Op.ANY_CHAR_NOT_NL);
    }
    return re;
  }
  static enter(re) {
    switch (re.op) {
      case Regexp.Op.PLB:
      case Regexp.Op.NLB:
      case Regexp.Op.CAPTURE:
      case Regexp.Op.STAR:
      case Regexp.Op.PLUS:
      case Regexp.Op.QUEST:
        return { sub: null };
      case Regexp.Op.CONCAT:
      case Regexp.Op.ALTERNATE:
        return {
          subs: [],
          changed: false
        };
      case Regexp.Op.REPEAT:
        if (re.min === 0 && re.max === 0) return { result: new Regexp(Regexp.Op.EMPTY_MATCH) };
        return { sub: null };
      default:
        return { result: re };
    }
  }
  static child(re, state, nsub, i) {
    if (state.subs === void 0) {
      state.sub = nsub;
      return;
    }
    if (nsub !== re.subs[i]) state.changed = true;
    if (re.op === Regexp.Op.CONCAT) {
      if (nsub.op === Regexp.Op.NO_MATCH) {
        state.result = new Regexp(Regexp.Op.NO_MATCH);
        return;
      }
      if (nsub.op === Regexp.Op.EMPTY_MATCH) {
        state.changed = true;
        return;
      }
      if (nsub.op === Regexp.Op.CONCAT) {
        state.changed = true;
        for (let j = 0; j < nsub.subs.length; j++) state.subs.push(nsub.subs[j]);
        return;
      }
    } else {
      if (nsub.op === Regexp.Op.NO_MATCH) {
        state.changed = true;
        return;
      }
      if (nsub.op === Regexp.Op.ALTERNATE) {
        state.changed = true;
        for (let j = 0; j < nsub.subs.length; j++) state.subs.push(nsub.subs[j]);
        return;
      }
    }
    state.subs.push(nsub);
  }
  static leave(re, state) {
    switch (re.op) {
      case Regexp.Op.PLB:
      case Regexp.Op.NLB:
      case Regexp.Op.CAPTURE: {
        const sub = state.sub;
        if (sub !== re.subs[0]) {
          const nre = Regexp.fromRegexp(re);
          nre.runes = /* @__PURE__ */ new Int32Array(0);
          nre.subs = [sub];
          return nre;
        }
        return re;
      }
      case Regexp.Op.CONCAT:
      case Regexp.Op.ALTERNATE:
        if (state.changed) {
          const newSubs = state.subs;
          if (newSubs.length === 0) return new Regexp(re.op === Regexp.Op.CONCAT ? Regexp.Op.EMPTY_MATCH : Regexp.Op.NO_MATCH);
          if (newSubs.length === 1) return newSubs[0];
          const nre = Regexp.fromRegexp(re);
          nre.runes = /* @__PURE__ */ new Int32Array(0);
          nre.subs = newSubs;
          return nre;
        }
        return re;
      case Regexp.Op.STAR:
      case Regexp.Op.PLUS:
      case Regexp.Op.QUEST:
        return Simplify2.simplify1(re.op, re.flags, state.sub, re);
      case Regexp.Op.REPEAT:
        return Simplify2.simplifyRepeat(re, state.sub);
      default:
        return re;
    }
  }
  static simplifyRepeat(re, sub) {
    if (re.max === -1) {
      if (re.min === 0) return Simplify2.simplify1(Regexp.Op.STAR, re.flags, sub, null);
      if (re.min === 1) return Simplify2.simplify1(Regexp.Op.PLUS, re.flags, sub, null);
      const subs = [];
      for (let i = 0; i < re.min - 1; i++) subs.push(sub);
      subs.push(Simplify2.simplify1(Regexp.Op.PLUS, re.flags, sub, null));
      return Simplify2.concat(subs);
    }
    if (re.min === 1 && re.max === 1) return sub;
    let prefixSubs = null;
    if (re.min > 0) {
      prefixSubs = [];
      for (let i = 0; i < re.min; i++) prefixSubs.push(sub);
    }
    if (re.max > re.min) {
      let suffix = Simplify2.simplify1(Regexp.Op.QUEST, re.flags, sub, null);
      for (let i = re.min + 1; i < re.max; i++) suffix = Simplify2.simplify1(Regexp.Op.QUEST, re.flags, Simplify2.concat([sub, suffix]), null);
      if (prefixSubs === null) return suffix;
      prefixSubs.push(suffix);
    }
    if (prefixSubs !== null) return Simplify2.concat(prefixSubs);
    return new Regexp(Regexp.Op.NO_MATCH);
  }
  static concat(subs) {
    const newSubs = [];
    for (let i = 0; i < subs.length; i++) {
      const sub = subs[i];
      if (sub.op === Regexp.Op.NO_MATCH) return new Regexp(Regexp.Op.NO_MATCH);
      if (sub.op === Regexp.Op.EMPTY_MATCH) continue;
      if (sub.op === Regexp.Op.CONCAT) {
        for (let j = 0; j < sub.subs.length; j++) newSubs.push(sub.subs[j]);
        continue;
      }
      newSubs.push(sub);
    }
    if (newSubs.length === 0) return new Regexp(Regexp.Op.EMPTY_MATCH);
    if (newSubs.length === 1) return newSubs[0];
    const nre = new Regexp(Regexp.Op.CONCAT);
    nre.subs = newSubs;
    return nre;
  }
  static simplify1(op, flags, sub, re) {
    if (sub.op === Regexp.Op.EMPTY_MATCH) return sub;
    if (sub.op === Regexp.Op.NO_MATCH) {
      if (op === Regexp.Op.PLUS) return sub;
      return new Regexp(Regexp.Op.EMPTY_MATCH);
    }
    if (op === sub.op && (flags & RE2Flags.NON_GREEDY) === (sub.flags & RE2Flags.NON_GREEDY)) return sub;
    if (re !== null && re.op === op && (re.flags & RE2Flags.NON_GREEDY) === (flags & RE2Flags.NON_GREEDY) && sub === re.subs[0]) return re;
    const nre = new Regexp(op);
    nre.flags = flags;
    nre.subs = [sub];
    return nre;
  }
};
var CharGroup = class {
  constructor(sign, cls) {
    this.sign = sign;
    this.cls = cls;
  }
};
var code1 = [48, 57];
var code2 = [
  9,
  10,
  12,
  13,
  32,
  32
];
var code3 = [
  48,
  57,
  65,
  90,
  95,
  95,
  97,
  122
];
var PERL_GROUPS = /* @__PURE__ */ new Map([
  ["\\d", new CharGroup(1, code1)],
  ["\\D", new CharGroup(-1, code1)],
  ["\\s", new CharGroup(1, code2)],
  ["\\S", new CharGroup(-1, code2)],
  ["\\w", new CharGroup(1, code3)],
  ["\\W", new CharGroup(-1, code3)]
]);
var code4 = [
  48,
  57,
  65,
  90,
  97,
  122
];
var code5 = [
  65,
  90,
  97,
  122
];
var code6 = [0, 127];
var code7 = [
  9,
  9,
  32,
  32
];
var code8 = [
  0,
  31,
  127,
  127
];
var code9 = [48, 57];
var code10 = [33, 126];
var code11 = [97, 122];
var code12 = [32, 126];
var code13 = [
  33,
  47,
  58,
  64,
  91,
  96,
  123,
  126
];
var code14 = [
  9,
  13,
  32,
  32
];
var code15 = [65, 90];
var code16 = [
  48,
  57,
  65,
  90,
  95,
  95,
  97,
  122
];
var code17 = [
  48,
  57,
  65,
  70,
  97,
  102
];
var POSIX_GROUPS = /* @__PURE__ */ new Map([
  ["[:alnum:]", new CharGroup(1, code4)],
  ["[:^alnum:]", new CharGroup(-1, code4)],
  ["[:alpha:]", new CharGroup(1, code5)],
  ["[:^alpha:]", new CharGroup(-1, code5)],
  ["[:ascii:]", new CharGroup(1, code6)],
  ["[:^ascii:]", new CharGroup(-1, code6)],
  ["[:blank:]", new CharGroup(1, code7)],
  ["[:^blank:]", new CharGroup(-1, code7)],
  ["[:cntrl:]", new CharGroup(1, code8)],
  ["[:^cntrl:]", new CharGroup(-1, code8)],
  ["[:digit:]", new CharGroup(1, code9)],
  ["[:^digit:]", new CharGroup(-1, code9)],
  ["[:graph:]", new CharGroup(1, code10)],
  ["[:^graph:]", new CharGroup(-1, code10)],
  ["[:lower:]", new CharGroup(1, code11)],
  ["[:^lower:]", new CharGroup(-1, code11)],
  ["[:print:]", new CharGroup(1, code12)],
  ["[:^print:]", new CharGroup(-1, code12)],
  ["[:punct:]", new CharGroup(1, code13)],
  ["[:^punct:]", new CharGroup(-1, code13)],
  ["[:space:]", new CharGroup(1, code14)],
  ["[:^space:]", new CharGroup(-1, code14)],
  ["[:upper:]", new CharGroup(1, code15)],
  ["[:^upper:]", new CharGroup(-1, code15)],
  ["[:word:]", new CharGroup(1, code16)],
  ["[:^word:]", new CharGroup(-1, code16)],
  ["[:xdigit:]", new CharGroup(1, code17)],
  ["[:^xdigit:]", new CharGroup(-1, code17)]
]);
var CharClass = class CharClass2 {
  static charClassToString(r, len) {
    let result = "[";
    for (let i = 0; i < len; i += 2) {
      if (i > 0) result += " ";
      const lo = r[i];
      const hi = r[i + 1];
      if (lo === hi) result += `0x${lo.toString(16)}`;
      else result += `0x${lo.toString(16)}-0x${hi.toString(16)}`;
    }
    result += "]";
    return result;
  }
  static sortRanges(array, len) {
    const n = len >> 1;
    const order = new Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => array[2 * a] - array[2 * b] || array[2 * b + 1] - array[2 * a + 1]);
    const sorted = array.slice(0, len);
    for (let i = 0; i < n; i++) {
      array[2 * i] = sorted[2 * order[i]];
      array[2 * i + 1] = sorted[2 * order[i] + 1];
    }
  }
  /**
  * @param {number[]|Int32Array} [r]
  */
  constructor(r = Utils.emptyInts()) {
    this.r = r;
    this.len = r.length;
  }
  toArray() {
    if (this.r instanceof Int32Array) return this.len === this.r.length ? this.r : this.r.subarray(0, this.len);
    return new Int32Array(this.len === this.r.length ? this.r : this.r.slice(0, this.len));
  }
  toGrowableArray() {
    if (Array.isArray(this.r)) {
      this.r.length = this.len;
      return this.r;
    }
    return Array.from(this.r.subarray(0, this.len));
  }
  cleanClass() {
    if (this.len < 4) return this;
    CharClass2.sortRanges(this.r, this.len);
    let w = 2;
    for (let i = 2; i < this.len; i += 2) {
      const lo = this.r[i];
      const hi = this.r[i + 1];
      if (lo <= this.r[w - 1] + 1) {
        if (hi > this.r[w - 1]) this.r[w - 1] = hi;
        continue;
      }
      this.r[w] = lo;
      this.r[w + 1] = hi;
      w += 2;
    }
    this.len = w;
    return this;
  }
  appendLiteral(x, flags) {
    return (flags & RE2Flags.FOLD_CASE) !== 0 ? this.appendFoldedRange(x, x) : this.appendRange(x, x);
  }
  appendRange(lo, hi) {
    if (this.len > 0) {
      for (let i = 2; i <= 4; i += 2) if (this.len >= i) {
        const rlo = this.r[this.len - i];
        const rhi = this.r[this.len - i + 1];
        if (lo <= rhi + 1 && rlo <= hi + 1) {
          if (lo < rlo) this.r[this.len - i] = lo;
          if (hi > rhi) this.r[this.len - i + 1] = hi;
          return this;
        }
      }
    }
    this.r[this.len++] = lo;
    this.r[this.len++] = hi;
    return this;
  }
  appendFoldedRange(lo, hi) {
    if (lo <= Unicode.MIN_FOLD && hi >= Unicode.MAX_FOLD) return this.appendRange(lo, hi);
    if (hi < Unicode.MIN_FOLD || lo > Unicode.MAX_FOLD) return this.appendRange(lo, hi);
    if (lo < Unicode.MIN_FOLD) {
      this.appendRange(lo, Unicode.MIN_FOLD - 1);
      lo = Unicode.MIN_FOLD;
    }
    if (hi > Unicode.MAX_FOLD) {
      this.appendRange(Unicode.MAX_FOLD + 1, hi);
      hi = Unicode.MAX_FOLD;
    }
    for (let c = lo; c <= hi; c++) {
      this.appendRange(c, c);
      for (let f = Unicode.simpleFold(c); f !== c; f = Unicode.simpleFold(f)) this.appendRange(f, f);
    }
    return this;
  }
  appendClass(x) {
    for (let i = 0; i < x.length; i += 2) this.appendRange(x[i], x[i + 1]);
    return this;
  }
  appendFoldedClass(x) {
    for (let i = 0; i < x.length; i += 2) this.appendFoldedRange(x[i], x[i + 1]);
    return this;
  }
  appendNegatedClass(x) {
    let nextLo = 0;
    for (let i = 0; i < x.length; i += 2) {
      const lo = x[i];
      const hi = x[i + 1];
      if (nextLo <= lo - 1) this.appendRange(nextLo, lo - 1);
      nextLo = hi + 1;
    }
    if (nextLo <= Unicode.MAX_RUNE) this.appendRange(nextLo, Unicode.MAX_RUNE);
    return this;
  }
  appendTable(table) {
    for (let i = 0; i < table.length; ++i) {
      const lo = table.getLo(i);
      const hi = table.getHi(i);
      const stride = table.getStride(i);
      if (stride === 1) {
        this.appendRange(lo, hi);
        continue;
      }
      for (let c = lo; c <= hi; c += stride) this.appendRange(c, c);
    }
    return this;
  }
  appendNegatedTable(table) {
    let nextLo = 0;
    for (let i = 0; i < table.length; ++i) {
      const lo = table.getLo(i);
      const hi = table.getHi(i);
      const stride = table.getStride(i);
      if (stride === 1) {
        if (nextLo <= lo - 1) this.appendRange(nextLo, lo - 1);
        nextLo = hi + 1;
        continue;
      }
      for (let c = lo; c <= hi; c += stride) {
        if (nextLo <= c - 1) this.appendRange(nextLo, c - 1);
        nextLo = c + 1;
      }
    }
    if (nextLo <= Unicode.MAX_RUNE) this.appendRange(nextLo, Unicode.MAX_RUNE);
    return this;
  }
  appendTableWithSign(table, sign) {
    return sign < 0 ? this.appendNegatedTable(table) : this.appendTable(table);
  }
  negateClass() {
    let nextLo = 0;
    let w = 0;
    for (let i = 0; i < this.len; i += 2) {
      const lo = this.r[i];
      const hi = this.r[i + 1];
      if (nextLo <= lo - 1) {
        this.r[w] = nextLo;
        this.r[w + 1] = lo - 1;
        w += 2;
      }
      nextLo = hi + 1;
    }
    this.len = w;
    if (nextLo <= Unicode.MAX_RUNE) {
      this.r[this.len++] = nextLo;
      this.r[this.len++] = Unicode.MAX_RUNE;
    }
    return this;
  }
  appendClassWithSign(x, sign) {
    return sign < 0 ? this.appendNegatedClass(x) : this.appendClass(x);
  }
  appendGroup(g, foldCase) {
    let cls = g.cls;
    if (foldCase) cls = new CharClass2().appendFoldedClass(cls).cleanClass().toArray();
    return this.appendClassWithSign(cls, g.sign);
  }
  toString() {
    return CharClass2.charClassToString(this.r, this.len);
  }
};
var StringIterator = class {
  constructor(str) {
    this.str = str;
    this.position = 0;
  }
  pos() {
    return this.position;
  }
  rewindTo(pos) {
    this.position = pos;
  }
  more() {
    return this.position < this.str.length;
  }
  peek() {
    return this.str.codePointAt(this.position);
  }
  skip(n) {
    this.position += n;
  }
  skipString(s) {
    this.position += s.length;
  }
  pop() {
    const r = this.str.codePointAt(this.position);
    this.position += Utils.charCount(r);
    return r;
  }
  lookingAt(s) {
    return this.str.startsWith(s, this.position);
  }
  rest() {
    return this.str.substring(this.position);
  }
  from(beforePos) {
    return this.str.substring(beforePos, this.position);
  }
  toString() {
    return this.rest();
  }
};
var Parser = class Parser2 {
  static ERR_INTERNAL_ERROR = "regexp/syntax: internal error";
  static ERR_INVALID_CHAR_RANGE = "invalid character class range";
  static ERR_INVALID_ESCAPE = "invalid escape sequence";
  static ERR_INVALID_NAMED_CAPTURE = "invalid named capture";
  static ERR_INVALID_PERL_OP = "invalid or unsupported Perl syntax";
  static ERR_INVALID_REPEAT_OP = "invalid nested repetition operator";
  static ERR_INVALID_REPEAT_SIZE = "invalid repeat count";
  static ERR_MISSING_BRACKET = "missing closing ]";
  static ERR_MISSING_PAREN = "missing closing )";
  static ERR_MISSING_REPEAT_ARGUMENT = "missing argument to repetition operator";
  static ERR_TRAILING_BACKSLASH = "trailing backslash at end of expression";
  static ERR_DUPLICATE_NAMED_CAPTURE = "duplicate capture group name";
  static ERR_UNEXPECTED_PAREN = "unexpected )";
  static ERR_NESTING_DEPTH = "expression nests too deeply";
  static ERR_LARGE = "expression too large";
  static ERR_INVALID_CAPTURE_IN_LOOKBEHIND = "invalid capture in lookbehind";
  static MAX_HEIGHT = 1e3;
  static MAX_SIZE = 1398101;
  static MAX_RUNES = 33554432;
  static ANY_TABLE = new UnicodeRangeTable(new Uint32Array([
    0,
    Unicode.MAX_RUNE,
    1
  ]));
  static ASCII_TABLE = new UnicodeRangeTable(new Uint32Array([
    0,
    127,
    1
  ]));
  static ASCII_FOLD_TABLE = new UnicodeRangeTable(new Uint32Array([
    0,
    127,
    1,
    383,
    383,
    1,
    8490,
    8490,
    1
  ]));
  static unicodeTable(name) {
    if (name === "Any") return {
      tab: Parser2.ANY_TABLE,
      fold: Parser2.ANY_TABLE,
      sign: 1
    };
    if (name === "Ascii") return {
      tab: Parser2.ASCII_TABLE,
      fold: Parser2.ASCII_FOLD_TABLE,
      sign: 1
    };
    if (name === "Assigned") return {
      tab: UnicodeTables.CATEGORIES.get("Cn"),
      fold: UnicodeTables.CATEGORIES.get("Cn"),
      sign: -1
    };
    if (name === "Lc") return {
      tab: UnicodeTables.CATEGORIES.get("LC"),
      fold: UnicodeTables.FOLD_CATEGORIES.get("LC"),
      sign: 1
    };
    if (UnicodeTables.CATEGORIES.has(name)) return {
      tab: UnicodeTables.CATEGORIES.get(name),
      fold: UnicodeTables.FOLD_CATEGORIES.get(name),
      sign: 1
    };
    if (UnicodeTables.SCRIPTS.has(name)) return {
      tab: UnicodeTables.SCRIPTS.get(name),
      fold: UnicodeTables.FOLD_SCRIPT.get(name),
      sign: 1
    };
    return null;
  }
  static minFoldRune(r) {
    if (r < Unicode.MIN_FOLD || r > Unicode.MAX_FOLD) return r;
    let min = r;
    const r0 = r;
    for (r = Unicode.simpleFold(r); r !== r0; r = Unicode.simpleFold(r)) if (min > r) min = r;
    return min;
  }
  static leadingRegexp(re) {
    if (re.op === Regexp.Op.EMPTY_MATCH) return null;
    if (re.op === Regexp.Op.CONCAT && re.subs.length > 0) {
      const sub = re.subs[0];
      if (sub.op === Regexp.Op.EMPTY_MATCH) return null;
      return sub;
    }
    return re;
  }
  static literalRegexp(s, flags) {
    const re = new Regexp(Regexp.Op.LITERAL);
    re.flags = flags;
    re.runes = Utils.stringToRunes(s);
    return re;
  }
  /**
  * Parse regular expression pattern {@code pattern} with mode flags {@code flags}.
  * @param {string} pattern
  * @param {number} flags
  */
  static parse(pattern, flags) {
    return new Parser2(pattern, flags).parseInternal();
  }
  static parseRepeat(t) {
    const start = t.pos();
    if (!t.more() || !t.lookingAt("{")) return -1;
    t.skip(1);
    const min = Parser2.parseInt(t);
    if (min === -1) return -1;
    if (!t.more()) return -1;
    let max;
    if (!t.lookingAt(",")) max = min;
    else {
      t.skip(1);
      if (!t.more()) return -1;
      if (t.lookingAt("}")) max = -1;
      else if ((max = Parser2.parseInt(t)) === -1) return -1;
    }
    if (!t.more() || !t.lookingAt("}")) return -1;
    t.skip(1);
    if (min < 0 || min > 1e3 || max === -2 || max > 1e3 || max >= 0 && min > max) throw new RE2JSSyntaxException(Parser2.ERR_INVALID_REPEAT_SIZE, t.from(start));
    return min << 16 | max & Unicode.MAX_BMP;
  }
  static isValidCaptureName(name) {
    if (name.length === 0) return false;
    for (let i = 0; i < name.length; i++) {
      const c = name.codePointAt(i);
      if (c !== Codepoint.CODES["_"] && !Utils.isalnum(c)) return false;
    }
    return true;
  }
  static parseInt(t) {
    const start = t.pos();
    while (t.more() && t.peek() >= Codepoint.CODES["0"] && t.peek() <= Codepoint.CODES["9"]) t.skip(1);
    const n = t.from(start);
    if (n.length === 0 || n.length > 1 && n.codePointAt(0) === Codepoint.CODES["0"]) return -1;
    if (n.length > 8) return -2;
    return parseInt(n, 10);
  }
  static isCharClass(re) {
    return re.op === Regexp.Op.LITERAL && re.runes.length === 1 || re.op === Regexp.Op.CHAR_CLASS || re.op === Regexp.Op.ANY_CHAR_NOT_NL || re.op === Regexp.Op.ANY_CHAR;
  }
  static matchRune(re, r) {
    switch (re.op) {
      case Regexp.Op.LITERAL:
        return re.runes.length === 1 && re.runes[0] === r;
      case Regexp.Op.CHAR_CLASS:
        for (let i = 0; i < re.runes.length; i += 2) if (re.runes[i] <= r && r <= re.runes[i + 1]) return true;
        return false;
      case Regexp.Op.ANY_CHAR_NOT_NL:
        return r !== Codepoint.CODES["\n"];
      case Regexp.Op.ANY_CHAR:
        return true;
    }
    return false;
  }
  static mergeCharClass(dst, src) {
    switch (dst.op) {
      case Regexp.Op.ANY_CHAR:
        break;
      case Regexp.Op.ANY_CHAR_NOT_NL:
        if (Parser2.matchRune(src, Codepoint.CODES["\n"])) dst.op = Regexp.Op.ANY_CHAR;
        break;
      case Regexp.Op.CHAR_CLASS: {
        const cc = new CharClass(Array.isArray(dst.runes) ? dst.runes : Array.from(dst.runes));
        if (src.op === Regexp.Op.LITERAL) cc.appendLiteral(src.runes[0], src.flags);
        else cc.appendClass(src.runes);
        dst.runes = cc.toGrowableArray();
        break;
      }
      case Regexp.Op.LITERAL:
        if (src.runes[0] === dst.runes[0] && src.flags === dst.flags) break;
        dst.op = Regexp.Op.CHAR_CLASS;
        dst.runes = new CharClass().appendLiteral(dst.runes[0], dst.flags).appendLiteral(src.runes[0], src.flags).toGrowableArray();
    }
  }
  static parseEscape(t) {
    const startPos = t.pos();
    t.skip(1);
    if (!t.more()) throw new RE2JSSyntaxException(Parser2.ERR_TRAILING_BACKSLASH);
    let c = t.pop();
    bigswitch: switch (c) {
      case Codepoint.CODES["1"]:
      case Codepoint.CODES["2"]:
      case Codepoint.CODES["3"]:
      case Codepoint.CODES["4"]:
      case Codepoint.CODES["5"]:
      case Codepoint.CODES["6"]:
      case Codepoint.CODES["7"]:
        if (!t.more() || t.peek() < Codepoint.CODES["0"] || t.peek() > Codepoint.CODES["7"]) break;
      case Codepoint.CODES["0"]: {
        let r = c - Codepoint.CODES["0"];
        for (let i = 1; i < 3; i++) {
          if (!t.more() || t.peek() < Codepoint.CODES["0"] || t.peek() > Codepoint.CODES["7"]) break;
          r = r * 8 + t.peek() - Codepoint.CODES["0"];
          t.skip(1);
        }
        return r;
      }
      case Codepoint.CODES["x"]: {
        if (!t.more()) break;
        c = t.pop();
        if (c === Codepoint.CODES["{"]) {
          let nhex = 0;
          let r = 0;
          while (true) {
            if (!t.more()) break bigswitch;
            c = t.pop();
            if (c === Codepoint.CODES["}"]) break;
            const v = Utils.unhex(c);
            if (v < 0) break bigswitch;
            r = r * 16 + v;
            if (r > Unicode.MAX_RUNE) break bigswitch;
            nhex++;
          }
          if (nhex === 0) break bigswitch;
          return r;
        }
        const x = Utils.unhex(c);
        if (!t.more()) break;
        c = t.pop();
        const y = Utils.unhex(c);
        if (x < 0 || y < 0) break;
        return x * 16 + y;
      }
      case Codepoint.CODES["a"]:
        return Codepoint.CODES["\x07"];
      case Codepoint.CODES["f"]:
        return Codepoint.CODES["\f"];
      case Codepoint.CODES["n"]:
        return Codepoint.CODES["\n"];
      case Codepoint.CODES["r"]:
        return Codepoint.CODES["\r"];
      case Codepoint.CODES["t"]:
        return Codepoint.CODES["	"];
      case Codepoint.CODES["v"]:
        return Codepoint.CODES["\v"];
      default:
        if (c <= Unicode.MAX_ASCII && !Utils.isalnum(c)) return c;
    }
    throw new RE2JSSyntaxException(Parser2.ERR_INVALID_ESCAPE, t.from(startPos));
  }
  static parseClassChar(t, wholeClassPos) {
    if (!t.more()) throw new RE2JSSyntaxException(Parser2.ERR_MISSING_BRACKET, t.from(wholeClassPos));
    if (t.lookingAt("\\")) return Parser2.parseEscape(t);
    return t.pop();
  }
  static hasCapture(re) {
    if (re === null) return false;
    if (re.op === Regexp.Op.CAPTURE) return true;
    if (re.subs) {
      for (let sub of re.subs) if (Parser2.hasCapture(sub)) return true;
    }
    return false;
  }
  constructor(wholeRegexp, flags = 0) {
    this.wholeRegexp = wholeRegexp;
    this.flags = flags;
    this.numCap = 0;
    this.namedGroups = /* @__PURE__ */ Object.create(null);
    this.stack = [];
    this.free = null;
    this.numRegexp = 0;
    this.numRunes = 0;
    this.repeats = 0;
    this.height = null;
    this.size = null;
    this.nlb = 0;
  }
  newRegexp(op) {
    let re = this.free;
    if (re !== null && re.subs !== null && re.subs.length > 0) {
      this.free = re.subs[0];
      re.reinit();
      re.op = op;
    } else {
      re = new Regexp(op);
      this.numRegexp += 1;
    }
    return re;
  }
  reuse(re) {
    if (this.height !== null && this.height.has(re)) this.height.delete(re);
    if (re.subs !== null && re.subs.length > 0) re.subs[0] = this.free;
    this.free = re;
  }
  checkLimits(re) {
    if (this.numRunes > Parser2.MAX_RUNES) throw new RE2JSSyntaxException(Parser2.ERR_LARGE);
    this.checkSize(re);
    this.checkHeight(re);
  }
  checkSize(re) {
    if (this.size === null) {
      if (this.repeats === 0) this.repeats = 1;
      if (re.op === Regexp.Op.REPEAT) {
        let n = re.max;
        if (n === -1) n = re.min;
        if (n <= 0) n = 1;
        if (n > Math.floor(Parser2.MAX_SIZE / this.repeats)) this.repeats = Parser2.MAX_SIZE;
        else this.repeats *= n;
      }
      if (this.numRegexp < Math.floor(Parser2.MAX_SIZE / this.repeats)) return;
      this.size = /* @__PURE__ */ new Map();
      for (let reEx of this.stack) this.checkSize(reEx);
    }
    if (this.calcSize(re, true) > Parser2.MAX_SIZE) throw new RE2JSSyntaxException(Parser2.ERR_LARGE);
  }
  calcSize(re, force = false) {
    if (!force && this.size !== null) {
      if (this.size.has(re)) return this.size.get(re);
    }
    let size = 0;
    switch (re.op) {
      case Regexp.Op.LITERAL:
        size = re.runes.length;
        break;
      case Regexp.Op.PLB:
      case Regexp.Op.NLB:
      case Regexp.Op.CAPTURE:
      case Regexp.Op.STAR:
        size = 2 + this.calcSize(re.subs[0]);
        break;
      case Regexp.Op.PLUS:
      case Regexp.Op.QUEST:
        size = 1 + this.calcSize(re.subs[0]);
        break;
      case Regexp.Op.CONCAT:
        for (let sub of re.subs) size = size + this.calcSize(sub);
        break;
      case Regexp.Op.ALTERNATE:
        for (let sub of re.subs) size = size + this.calcSize(sub);
        if (re.subs.length > 1) size = size + re.subs.length - 1;
        break;
      case Regexp.Op.REPEAT: {
        let sub = this.calcSize(re.subs[0]);
        if (re.max === -1) {
          if (re.min === 0) size = 2 + sub;
          else size = 1 + re.min * sub;
          break;
        }
        size = re.max * sub + (re.max - re.min);
        break;
      }
    }
    size = Math.max(1, size);
    if (this.size === null) this.size = /* @__PURE__ */ new Map();
    this.size.set(re, size);
    return size;
  }
  checkHeight(re) {
    if (this.numRegexp < Parser2.MAX_HEIGHT) return;
    if (this.height === null) {
      this.height = /* @__PURE__ */ new Map();
      for (let reEx of this.stack) this.checkHeight(reEx);
    }
    if (this.calcHeight(re, true) > Parser2.MAX_HEIGHT) throw new RE2JSSyntaxException(Parser2.ERR_NESTING_DEPTH);
  }
  calcHeight(re, force = false) {
    if (!force && this.height !== null) {
      if (this.height.has(re)) return this.height.get(re);
    }
    let h = 1;
    for (let sub of re.subs) {
      const hsub = this.calcHeight(sub);
      if (h < 1 + hsub) h = 1 + hsub;
    }
    if (this.height === null) this.height = /* @__PURE__ */ new Map();
    this.height.set(re, h);
    return h;
  }
  pop() {
    return this.stack.pop();
  }
  popToPseudo() {
    const n = this.stack.length;
    let i = n;
    while (i > 0 && !Regexp.isPseudoOp(this.stack[i - 1].op)) i--;
    return this.stack.splice(i, n - i);
  }
  push(re) {
    this.numRunes += re.runes.length;
    if (re.op === Regexp.Op.CHAR_CLASS && re.runes.length === 2 && re.runes[0] === re.runes[1]) {
      if (this.maybeConcat(re.runes[0], this.flags & ~RE2Flags.FOLD_CASE)) return null;
      re.op = Regexp.Op.LITERAL;
      re.runes = [re.runes[0]];
      re.flags = this.flags & ~RE2Flags.FOLD_CASE;
    } else if (re.op === Regexp.Op.CHAR_CLASS && re.runes.length === 4 && re.runes[0] === re.runes[1] && re.runes[2] === re.runes[3] && Unicode.simpleFold(re.runes[0]) === re.runes[2] && Unicode.simpleFold(re.runes[2]) === re.runes[0] || re.op === Regexp.Op.CHAR_CLASS && re.runes.length === 2 && re.runes[0] + 1 === re.runes[1] && Unicode.simpleFold(re.runes[0]) === re.runes[1] && Unicode.simpleFold(re.runes[1]) === re.runes[0]) {
      if (this.maybeConcat(re.runes[0], this.flags | RE2Flags.FOLD_CASE)) return null;
      re.op = Regexp.Op.LITERAL;
      re.runes = [re.runes[0]];
      re.flags = this.flags | RE2Flags.FOLD_CASE;
    } else this.maybeConcat(-1, 0);
    this.stack.push(re);
    this.checkLimits(re);
    return re;
  }
  maybeConcat(r, flags) {
    const n = this.stack.length;
    if (n < 2) return false;
    const re1 = this.stack[n - 1];
    const re2 = this.stack[n - 2];
    if (re1.op !== Regexp.Op.LITERAL || re2.op !== Regexp.Op.LITERAL || (re1.flags & RE2Flags.FOLD_CASE) !== (re2.flags & RE2Flags.FOLD_CASE)) return false;
    if (!Array.isArray(re2.runes)) re2.runes = Array.from(re2.runes);
    for (let i = 0; i < re1.runes.length; i++) re2.runes.push(re1.runes[i]);
    if (r >= 0) {
      re1.runes = [r];
      re1.flags = flags;
      return true;
    }
    this.pop();
    this.reuse(re1);
    return false;
  }
  newLiteral(r, flags) {
    const re = this.newRegexp(Regexp.Op.LITERAL);
    re.flags = flags;
    if ((flags & RE2Flags.FOLD_CASE) !== 0) r = Parser2.minFoldRune(r);
    re.runes = [r];
    return re;
  }
  literal(r) {
    this.push(this.newLiteral(r, this.flags));
  }
  op(op) {
    const re = this.newRegexp(op);
    re.flags = this.flags;
    return this.push(re);
  }
  repeat(op, min, max, beforePos, t, lastRepeatPos) {
    let flags = this.flags;
    if ((flags & RE2Flags.PERL_X) !== 0) {
      if (t.more() && t.lookingAt("?")) {
        t.skip(1);
        flags ^= RE2Flags.NON_GREEDY;
      }
      if (lastRepeatPos !== -1) throw new RE2JSSyntaxException(Parser2.ERR_INVALID_REPEAT_OP, t.from(lastRepeatPos));
    }
    const n = this.stack.length;
    if (n === 0) throw new RE2JSSyntaxException(Parser2.ERR_MISSING_REPEAT_ARGUMENT, t.from(beforePos));
    const sub = this.stack[n - 1];
    if (Regexp.isPseudoOp(sub.op)) throw new RE2JSSyntaxException(Parser2.ERR_MISSING_REPEAT_ARGUMENT, t.from(beforePos));
    const re = this.newRegexp(op);
    re.min = min;
    re.max = max;
    re.flags = flags;
    re.subs = [sub];
    this.stack[n - 1] = re;
    this.checkLimits(re);
    if (op === Regexp.Op.REPEAT && (min >= 2 || max >= 2) && !this.repeatIsValid(re, 1e3)) throw new RE2JSSyntaxException(Parser2.ERR_INVALID_REPEAT_SIZE, t.from(beforePos));
  }
  repeatIsValid(re, n) {
    if (re.op === Regexp.Op.REPEAT) {
      let m = re.max;
      if (m === 0) return true;
      if (m < 0) m = re.min;
      if (m > n) return false;
      if (m > 0) n = Math.trunc(n / m);
    }
    for (let sub of re.subs) if (!this.repeatIsValid(sub, n)) return false;
    return true;
  }
  concat() {
    this.maybeConcat(-1, 0);
    const subs = this.popToPseudo();
    if (subs.length === 0) return this.push(this.newRegexp(Regexp.Op.EMPTY_MATCH));
    return this.push(this.collapse(subs, Regexp.Op.CONCAT));
  }
  alternate() {
    const subs = this.popToPseudo();
    if (subs.length > 0) this.cleanAlt(subs[subs.length - 1]);
    if (subs.length === 0) return this.push(this.newRegexp(Regexp.Op.NO_MATCH));
    return this.push(this.collapse(subs, Regexp.Op.ALTERNATE));
  }
  cleanAlt(re) {
    if (re.op === Regexp.Op.CHAR_CLASS) {
      re.runes = new CharClass(Array.from(re.runes)).cleanClass().toArray();
      if (re.runes.length === 2 && re.runes[0] === 0 && re.runes[1] === Unicode.MAX_RUNE) {
        re.runes = /* @__PURE__ */ new Int32Array(0);
        re.op = Regexp.Op.ANY_CHAR;
      } else if (re.runes.length === 4 && re.runes[0] === 0 && re.runes[1] === Codepoint.CODES["\n"] - 1 && re.runes[2] === Codepoint.CODES["\n"] + 1 && re.runes[3] === Unicode.MAX_RUNE) {
        re.runes = /* @__PURE__ */ new Int32Array(0);
        re.op = Regexp.Op.ANY_CHAR_NOT_NL;
      }
    }
  }
  collapse(subs, op) {
    if (subs.length === 1) return subs[0];
    let len = 0;
    for (let sub of subs) len += sub.op === op ? sub.subs.length : 1;
    let newsubs = new Array(len).fill(null);
    let i = 0;
    for (let sub of subs) if (sub.op === op) {
      for (let j = 0; j < sub.subs.length; j++) newsubs[i++] = sub.subs[j];
      this.reuse(sub);
    } else newsubs[i++] = sub;
    let re = this.newRegexp(op);
    re.subs = newsubs;
    if (op === Regexp.Op.ALTERNATE) {
      re.subs = this.factor(re.subs);
      if (re.subs.length === 1) {
        const old = re;
        re = re.subs[0];
        this.reuse(old);
      }
    }
    return re;
  }
  factor(array) {
    if (array.length < 2) return array;
    let s = 0;
    let lensub = array.length;
    let lenout = 0;
    let str = null;
    let strlen = 0;
    let strflags = 0;
    let start = 0;
    for (let i = 0; i <= lensub; i++) {
      let istr = null;
      let istrlen = 0;
      let iflags = 0;
      if (i < lensub) {
        let re = array[s + i];
        if (re.op === Regexp.Op.CONCAT && re.subs.length > 0) re = re.subs[0];
        if (re.op === Regexp.Op.LITERAL) {
          istr = re.runes;
          istrlen = re.runes.length;
          iflags = re.flags & RE2Flags.FOLD_CASE;
        }
        if (iflags === strflags) {
          let same = 0;
          while (same < strlen && same < istrlen && str[same] === istr[same]) same++;
          if (same > 0) {
            strlen = same;
            continue;
          }
        }
      }
      if (i === start) {
      } else if (i === start + 1) array[lenout++] = array[s + start];
      else {
        const prefix = this.newRegexp(Regexp.Op.LITERAL);
        prefix.flags = strflags;
        prefix.runes = str.slice(0, strlen);
        for (let j = start; j < i; j++) {
          array[s + j] = this.removeLeadingString(array[s + j], strlen);
          this.checkLimits(array[s + j]);
        }
        const suffix = this.collapse(array.slice(s + start, s + i), Regexp.Op.ALTERNATE);
        const re = this.newRegexp(Regexp.Op.CONCAT);
        re.subs = [prefix, suffix];
        array[lenout++] = re;
      }
      start = i;
      str = istr;
      strlen = istrlen;
      strflags = iflags;
    }
    lensub = lenout;
    s = 0;
    start = 0;
    lenout = 0;
    let first = null;
    for (let i = 0; i <= lensub; i++) {
      let ifirst = null;
      if (i < lensub) {
        ifirst = Parser2.leadingRegexp(array[s + i]);
        if (first !== null && first.equals(ifirst) && (Parser2.isCharClass(first) || first.op === Regexp.Op.REPEAT && first.min === first.max && Parser2.isCharClass(first.subs[0]))) continue;
      }
      if (i === start) {
      } else if (i === start + 1) array[lenout++] = array[s + start];
      else {
        const prefix = first;
        for (let j = start; j < i; j++) {
          const reuse = j !== start;
          array[s + j] = this.removeLeadingRegexp(array[s + j], reuse);
          this.checkLimits(array[s + j]);
        }
        const suffix = this.collapse(array.slice(s + start, s + i), Regexp.Op.ALTERNATE);
        const re = this.newRegexp(Regexp.Op.CONCAT);
        re.subs = [prefix, suffix];
        array[lenout++] = re;
      }
      start = i;
      first = ifirst;
    }
    lensub = lenout;
    s = 0;
    start = 0;
    lenout = 0;
    for (let i = 0; i <= lensub; i++) {
      if (i < lensub && Parser2.isCharClass(array[s + i])) continue;
      if (i === start) {
      } else if (i === start + 1) array[lenout++] = array[s + start];
      else {
        let max = start;
        for (let j = start + 1; j < i; j++) {
          const subMax = array[s + max];
          const subJ = array[s + j];
          if (subMax.op < subJ.op || subMax.op === subJ.op && (subMax.runes !== null ? subMax.runes.length : 0) < (subJ.runes !== null ? subJ.runes.length : 0)) max = j;
        }
        const tmp = array[s + start];
        array[s + start] = array[s + max];
        array[s + max] = tmp;
        for (let j = start + 1; j < i; j++) {
          Parser2.mergeCharClass(array[s + start], array[s + j]);
          this.reuse(array[s + j]);
        }
        this.cleanAlt(array[s + start]);
        array[lenout++] = array[s + start];
      }
      if (i < lensub) array[lenout++] = array[s + i];
      start = i + 1;
    }
    lensub = lenout;
    s = 0;
    start = 0;
    lenout = 0;
    for (let i = 0; i < lensub; ++i) {
      if (i + 1 < lensub && array[s + i].op === Regexp.Op.EMPTY_MATCH && array[s + i + 1].op === Regexp.Op.EMPTY_MATCH) continue;
      array[lenout++] = array[s + i];
    }
    lensub = lenout;
    s = 0;
    return array.slice(s, lensub);
  }
  removeLeadingString(re, n) {
    if (re.op === Regexp.Op.CONCAT && re.subs.length > 0) {
      const sub = this.removeLeadingString(re.subs[0], n);
      re.subs[0] = sub;
      if (sub.op === Regexp.Op.EMPTY_MATCH) {
        this.reuse(sub);
        switch (re.subs.length) {
          case 0:
          case 1:
            re.op = Regexp.Op.EMPTY_MATCH;
            re.subs = Regexp.emptySubs();
            break;
          case 2: {
            const old = re;
            re = re.subs[1];
            this.reuse(old);
            break;
          }
          default:
            re.subs = re.subs.slice(1, re.subs.length);
        }
      }
      return re;
    }
    if (re.op === Regexp.Op.LITERAL) {
      re.runes = re.runes.slice(n, re.runes.length);
      if (re.runes.length === 0) re.op = Regexp.Op.EMPTY_MATCH;
    }
    return re;
  }
  removeLeadingRegexp(re, reuse) {
    if (re.op === Regexp.Op.CONCAT && re.subs.length > 0) {
      if (reuse) this.reuse(re.subs[0]);
      re.subs = re.subs.slice(1, re.subs.length);
      switch (re.subs.length) {
        case 0:
          re.op = Regexp.Op.EMPTY_MATCH;
          re.subs = Regexp.emptySubs();
          break;
        case 1: {
          const old = re;
          re = re.subs[0];
          this.reuse(old);
          break;
        }
      }
      return re;
    }
    if (reuse) this.reuse(re);
    return this.newRegexp(Regexp.Op.EMPTY_MATCH);
  }
  parseInternal() {
    if ((this.flags & RE2Flags.LITERAL) !== 0) return Parser2.literalRegexp(this.wholeRegexp, this.flags);
    let lastRepeatPos = -1;
    let min = -1;
    let max = -1;
    const t = new StringIterator(this.wholeRegexp);
    while (t.more()) {
      let repeatPos = -1;
      bigswitch: switch (t.peek()) {
        case Codepoint.CODES["("]:
          if ((this.flags & RE2Flags.LOOKBEHIND) !== 0) {
            if (t.lookingAt("(?<=")) {
              this.parsePosLookBehind();
              t.skip(4);
              break;
            }
            if (t.lookingAt("(?<!")) {
              this.parseNegLookBehind();
              t.skip(4);
              break;
            }
          }
          if ((this.flags & RE2Flags.PERL_X) !== 0 && t.lookingAt("(?")) {
            this.parsePerlFlags(t);
            break;
          }
          this.op(Regexp.Op.LEFT_PAREN).cap = ++this.numCap;
          t.skip(1);
          break;
        case Codepoint.CODES["|"]:
          this.parseVerticalBar();
          t.skip(1);
          break;
        case Codepoint.CODES[")"]:
          this.parseRightParen();
          t.skip(1);
          break;
        case Codepoint.CODES["^"]:
          if ((this.flags & RE2Flags.ONE_LINE) !== 0) this.op(Regexp.Op.BEGIN_TEXT);
          else this.op(Regexp.Op.BEGIN_LINE);
          t.skip(1);
          break;
        case Codepoint.CODES["$"]:
          if ((this.flags & RE2Flags.ONE_LINE) !== 0) this.op(Regexp.Op.END_TEXT).flags |= RE2Flags.WAS_DOLLAR;
          else this.op(Regexp.Op.END_LINE);
          t.skip(1);
          break;
        case Codepoint.CODES["."]:
          if ((this.flags & RE2Flags.DOT_NL) !== 0) this.op(Regexp.Op.ANY_CHAR);
          else this.op(Regexp.Op.ANY_CHAR_NOT_NL);
          t.skip(1);
          break;
        case Codepoint.CODES["["]:
          this.parseClass(t);
          break;
        case Codepoint.CODES["*"]:
        case Codepoint.CODES["+"]:
        case Codepoint.CODES["?"]: {
          repeatPos = t.pos();
          let op = null;
          switch (t.pop()) {
            case Codepoint.CODES["*"]:
              op = Regexp.Op.STAR;
              break;
            case Codepoint.CODES["+"]:
              op = Regexp.Op.PLUS;
              break;
            case Codepoint.CODES["?"]:
              op = Regexp.Op.QUEST;
          }
          this.repeat(op, min, max, repeatPos, t, lastRepeatPos);
          break;
        }
        case Codepoint.CODES["{"]: {
          const before = t.pos();
          const minMax = Parser2.parseRepeat(t);
          if (minMax < 0) {
            t.rewindTo(before);
            this.literal(t.pop());
            break;
          }
          repeatPos = before;
          min = minMax >> 16;
          max = (minMax & Unicode.MAX_BMP) << 16 >> 16;
          this.repeat(Regexp.Op.REPEAT, min, max, repeatPos, t, lastRepeatPos);
          break;
        }
        case Codepoint.CODES["\\"]: {
          const savedPos = t.pos();
          t.skip(1);
          if ((this.flags & RE2Flags.PERL_X) !== 0 && t.more()) switch (t.pop()) {
            case Codepoint.CODES["A"]:
              this.op(Regexp.Op.BEGIN_TEXT);
              break bigswitch;
            case Codepoint.CODES["b"]:
              this.op(Regexp.Op.WORD_BOUNDARY);
              break bigswitch;
            case Codepoint.CODES["B"]:
              this.op(Regexp.Op.NO_WORD_BOUNDARY);
              break bigswitch;
            case Codepoint.CODES["C"]:
              throw new RE2JSSyntaxException(Parser2.ERR_INVALID_ESCAPE, "\\C");
            case Codepoint.CODES["Q"]: {
              let lit = t.rest();
              const i = lit.indexOf("\\E");
              if (i >= 0) {
                lit = lit.substring(0, i);
                t.skipString(lit);
                t.skipString("\\E");
              } else t.skipString(lit);
              let j = 0;
              while (j < lit.length) {
                const codepoint = lit.codePointAt(j);
                this.literal(codepoint);
                j += Utils.charCount(codepoint);
              }
              break bigswitch;
            }
            case Codepoint.CODES["z"]:
              this.op(Regexp.Op.END_TEXT);
              break bigswitch;
            default:
              t.rewindTo(savedPos);
          }
          else t.rewindTo(savedPos);
          const re = this.newRegexp(Regexp.Op.CHAR_CLASS);
          re.flags = this.flags;
          if (t.lookingAt("\\p") || t.lookingAt("\\P")) {
            const cc2 = new CharClass();
            if (this.parseUnicodeClass(t, cc2)) {
              re.runes = cc2.toArray();
              this.push(re);
              break bigswitch;
            }
          }
          const cc = new CharClass();
          if (this.parsePerlClassEscape(t, cc)) {
            re.runes = cc.toArray();
            this.push(re);
            break bigswitch;
          }
          t.rewindTo(savedPos);
          this.reuse(re);
          this.literal(Parser2.parseEscape(t));
          break;
        }
        default:
          this.literal(t.pop());
      }
      lastRepeatPos = repeatPos;
    }
    this.concat();
    if (this.swapVerticalBar()) this.pop();
    this.alternate();
    if (this.stack.length !== 1) throw new RE2JSSyntaxException(Parser2.ERR_MISSING_PAREN, this.wholeRegexp);
    this.stack[0].namedGroups = this.namedGroups;
    return this.stack[0];
  }
  parsePerlFlags(t) {
    const startPos = t.pos();
    const s = t.rest();
    if (s.startsWith("(?P<") || s.startsWith("(?<")) {
      const begin = s.charAt(2) === "P" ? 4 : 3;
      const end = s.indexOf(">");
      if (end < 0) throw new RE2JSSyntaxException(Parser2.ERR_INVALID_NAMED_CAPTURE, s);
      const name = s.substring(begin, end);
      t.skipString(name);
      t.skip(begin + 1);
      if (!Parser2.isValidCaptureName(name)) throw new RE2JSSyntaxException(Parser2.ERR_INVALID_NAMED_CAPTURE, s.substring(0, end + 1));
      const re = this.op(Regexp.Op.LEFT_PAREN);
      re.cap = ++this.numCap;
      if (this.namedGroups[name]) throw new RE2JSSyntaxException(Parser2.ERR_DUPLICATE_NAMED_CAPTURE, name);
      this.namedGroups[name] = this.numCap;
      re.name = name;
      return;
    }
    t.skip(2);
    let flags = this.flags;
    let sign = 1;
    let sawFlag = false;
    loop: while (t.more()) {
      const c = t.pop();
      switch (c) {
        case Codepoint.CODES["i"]:
          flags |= RE2Flags.FOLD_CASE;
          sawFlag = true;
          break;
        case Codepoint.CODES["m"]:
          flags &= ~RE2Flags.ONE_LINE;
          sawFlag = true;
          break;
        case Codepoint.CODES["s"]:
          flags |= RE2Flags.DOT_NL;
          sawFlag = true;
          break;
        case Codepoint.CODES["U"]:
          flags |= RE2Flags.NON_GREEDY;
          sawFlag = true;
          break;
        case Codepoint.CODES["-"]:
          if (sign < 0) break loop;
          sign = -1;
          flags = ~flags;
          sawFlag = false;
          break;
        case Codepoint.CODES[":"]:
        case Codepoint.CODES[")"]:
          if (sign < 0) {
            if (!sawFlag) break loop;
            flags = ~flags;
          }
          if (c === Codepoint.CODES[":"]) this.op(Regexp.Op.LEFT_PAREN);
          this.flags = flags;
          return;
        default:
          break loop;
      }
    }
    throw new RE2JSSyntaxException(Parser2.ERR_INVALID_PERL_OP, t.from(startPos));
  }
  parsePosLookBehind() {
    const re = this.newRegexp(Regexp.Op.LEFT_PAREN);
    re.flags = this.flags;
    re.lb = ++this.nlb;
    return this.push(re);
  }
  parseNegLookBehind() {
    const re = this.newRegexp(Regexp.Op.LEFT_PAREN);
    re.flags = this.flags;
    re.lb = -++this.nlb;
    return this.push(re);
  }
  parseVerticalBar() {
    this.concat();
    if (!this.swapVerticalBar()) this.op(Regexp.Op.VERTICAL_BAR);
  }
  swapVerticalBar() {
    const n = this.stack.length;
    if (n >= 3 && this.stack[n - 2].op === Regexp.Op.VERTICAL_BAR && Parser2.isCharClass(this.stack[n - 1]) && Parser2.isCharClass(this.stack[n - 3])) {
      let re1 = this.stack[n - 1];
      let re3 = this.stack[n - 3];
      if (re1.op > re3.op) {
        const tmp = re3;
        re3 = re1;
        re1 = tmp;
        this.stack[n - 3] = re3;
      }
      Parser2.mergeCharClass(re3, re1);
      this.reuse(re1);
      this.pop();
      return true;
    }
    if (n >= 2) {
      const re1 = this.stack[n - 1];
      const re2 = this.stack[n - 2];
      if (re2.op === Regexp.Op.VERTICAL_BAR) {
        if (n >= 3) this.cleanAlt(this.stack[n - 3]);
        this.stack[n - 2] = re1;
        this.stack[n - 1] = re2;
        return true;
      }
    }
    return false;
  }
  parseRightParen() {
    this.concat();
    if (this.swapVerticalBar()) this.pop();
    this.alternate();
    if (this.stack.length < 2) throw new RE2JSSyntaxException(Parser2.ERR_UNEXPECTED_PAREN, this.wholeRegexp);
    const re1 = this.pop();
    const re2 = this.pop();
    if (re2.op !== Regexp.Op.LEFT_PAREN) throw new RE2JSSyntaxException(Parser2.ERR_UNEXPECTED_PAREN, this.wholeRegexp);
    this.flags = re2.flags;
    if (re2.lb !== 0) {
      if (Parser2.hasCapture(re1)) throw new RE2JSSyntaxException(Parser2.ERR_INVALID_CAPTURE_IN_LOOKBEHIND, this.wholeRegexp);
      if (re2.lb > 0) re2.op = Regexp.Op.PLB;
      else re2.op = Regexp.Op.NLB;
      re2.subs = [re1];
      this.push(re2);
      return;
    }
    if (re2.cap === 0) this.push(re1);
    else {
      re2.op = Regexp.Op.CAPTURE;
      re2.subs = [re1];
      this.push(re2);
    }
  }
  parsePerlClassEscape(t, cc) {
    const beforePos = t.pos();
    if ((this.flags & RE2Flags.PERL_X) === 0 || !t.more() || t.pop() !== Codepoint.CODES["\\"] || !t.more()) return false;
    t.pop();
    const p = t.from(beforePos);
    const g = PERL_GROUPS.has(p) ? PERL_GROUPS.get(p) : null;
    if (g === null) return false;
    cc.appendGroup(g, (this.flags & RE2Flags.FOLD_CASE) !== 0);
    return true;
  }
  parseNamedClass(t, cc) {
    const cls = t.rest();
    const i = cls.indexOf(":]");
    if (i < 0) return false;
    const name = cls.substring(0, i + 2);
    t.skipString(name);
    const g = POSIX_GROUPS.has(name) ? POSIX_GROUPS.get(name) : null;
    if (g === null) throw new RE2JSSyntaxException(Parser2.ERR_INVALID_CHAR_RANGE, name);
    cc.appendGroup(g, (this.flags & RE2Flags.FOLD_CASE) !== 0);
    return true;
  }
  parseUnicodeClass(t, cc) {
    const startPos = t.pos();
    if ((this.flags & RE2Flags.UNICODE_GROUPS) === 0 || !t.lookingAt("\\p") && !t.lookingAt("\\P")) return false;
    t.skip(1);
    let sign = 1;
    let c = t.pop();
    if (c === Codepoint.CODES["P"]) sign = -1;
    if (!t.more()) {
      t.rewindTo(startPos);
      throw new RE2JSSyntaxException(Parser2.ERR_INVALID_CHAR_RANGE, t.rest());
    }
    c = t.pop();
    let name;
    if (c !== Codepoint.CODES["{"]) name = Utils.runeToString(c);
    else {
      const rest = t.rest();
      const end = rest.indexOf("}");
      if (end < 0) {
        t.rewindTo(startPos);
        throw new RE2JSSyntaxException(Parser2.ERR_INVALID_CHAR_RANGE, t.rest());
      }
      name = rest.substring(0, end);
      t.skipString(name);
      t.skip(1);
    }
    if (!(name.length === 0) && name.codePointAt(0) === Codepoint.CODES["^"]) {
      sign = 0 - sign;
      name = name.substring(1);
    }
    const pair = Parser2.unicodeTable(name);
    if (pair === null) throw new RE2JSSyntaxException(Parser2.ERR_INVALID_CHAR_RANGE, t.from(startPos));
    if (pair.sign < 0) sign = 0 - sign;
    const tab = pair.tab;
    const fold = pair.fold;
    if ((this.flags & RE2Flags.FOLD_CASE) === 0 || fold === null) cc.appendTableWithSign(tab, sign);
    else {
      const tmp = new CharClass().appendTable(tab).appendTable(fold).cleanClass().toArray();
      cc.appendClassWithSign(Array.from(tmp), sign);
    }
    return true;
  }
  parseClass(t) {
    const startPos = t.pos();
    t.skip(1);
    const re = this.newRegexp(Regexp.Op.CHAR_CLASS);
    re.flags = this.flags;
    const cc = new CharClass();
    let sign = 1;
    if (t.more() && t.lookingAt("^")) {
      sign = -1;
      t.skip(1);
      if ((this.flags & RE2Flags.CLASS_NL) === 0) cc.appendRange(Codepoint.CODES["\n"], Codepoint.CODES["\n"]);
    }
    let first = true;
    while (!t.more() || t.peek() !== Codepoint.CODES["]"] || first) {
      if (t.more() && t.lookingAt("-") && (this.flags & RE2Flags.PERL_X) === 0 && !first) {
        const s = t.rest();
        if (s === "-" || !s.startsWith("-]")) {
          t.rewindTo(startPos);
          throw new RE2JSSyntaxException(Parser2.ERR_INVALID_CHAR_RANGE, t.rest());
        }
      }
      first = false;
      const beforePos = t.pos();
      if (t.lookingAt("[:")) {
        if (this.parseNamedClass(t, cc)) continue;
        t.rewindTo(beforePos);
      }
      if (this.parseUnicodeClass(t, cc)) continue;
      if (this.parsePerlClassEscape(t, cc)) continue;
      t.rewindTo(beforePos);
      const lo = Parser2.parseClassChar(t, startPos);
      let hi = lo;
      if (t.more() && t.lookingAt("-")) {
        t.skip(1);
        if (t.more() && t.lookingAt("]")) t.skip(-1);
        else {
          hi = Parser2.parseClassChar(t, startPos);
          if (hi < lo) throw new RE2JSSyntaxException(Parser2.ERR_INVALID_CHAR_RANGE, t.from(beforePos));
        }
      }
      if ((this.flags & RE2Flags.FOLD_CASE) === 0) cc.appendRange(lo, hi);
      else cc.appendFoldedRange(lo, hi);
    }
    t.skip(1);
    cc.cleanClass();
    if (sign < 0) cc.negateClass();
    re.runes = cc.toArray();
    this.push(re);
  }
};
var RE2 = class RE22 {
  static initTest(expr) {
    const re2 = RE22.compile(expr);
    const res = new RE22(re2.expr, re2.prog, re2.numSubexp, re2.longest);
    res.cond = re2.cond;
    res.prefix = re2.prefix;
    res.prefixUTF8 = re2.prefixUTF8;
    res.prefixComplete = re2.prefixComplete;
    res.prefixRune = re2.prefixRune;
    res.prefilter = re2.prefilter;
    res.namedGroups = re2.namedGroups;
    return res;
  }
  /**
  * Parses a regular expression and returns, if successful, an {@code RE2} instance that can be
  * used to match against text.
  *
  * When matching against text, the regexp returns a match that begins as early as possible in the
  * input (leftmost), and among those it chooses the one that a backtracking search would have
  * found first. This so-called leftmost-first matching is the same semantics that Perl, Python,
  * and other implementations use, although this package implements it without the expense of
  * backtracking. For POSIX leftmost-longest matching, see {@link #compilePOSIX}.
  */
  static compile(expr) {
    return RE22.compileImpl(expr, RE2Flags.PERL, false);
  }
  /**
  * {@code compilePOSIX} is like {@link #compile} but restricts the regular expression to POSIX ERE
  * (egrep) syntax and changes the match semantics to leftmost-longest.
  *
  * That is, when matching against text, the regexp returns a match that begins as early as
  * possible in the input (leftmost), and among those it chooses a match that is as long as
  * possible. This so-called leftmost-longest matching is the same semantics that early regular
  * expression implementations used and that POSIX specifies.
  *
  * However, there can be multiple leftmost-longest matches, with different submatch choices, and
  * here this package diverges from POSIX. Among the possible leftmost-longest matches, this
  * package chooses the one that a backtracking search would have found first, while POSIX
  * specifies that the match be chosen to maximize the length of the first subexpression, then the
  * second, and so on from left to right. The POSIX rule is computationally prohibitive and not
  * even well-defined. See http://swtch.com/~rsc/regexp/regexp2.html#posix
  */
  static compilePOSIX(expr) {
    return RE22.compileImpl(expr, RE2Flags.POSIX, true);
  }
  static compileImpl(expr, mode, longest) {
    let re = Parser.parse(expr, mode);
    const maxCap = re.maxCap();
    const namedGroups = re.namedGroups;
    re = Simplify.simplify(re);
    const prefilter = PrefilterTree.build(re);
    const prog = Compiler.compileRegexp(re);
    const re2 = new RE22(expr, prog, maxCap, longest);
    re2.prefilter = prefilter.type === Prefilter.Type.NONE ? null : prefilter;
    const [prefixCompl, prefixStr] = prog.prefix();
    re2.prefixComplete = prefixCompl;
    re2.prefix = prefixStr;
    re2.prefixUTF8 = Utils.stringToUtf8ByteArray(re2.prefix);
    if (re2.prefix.length > 0) re2.prefixRune = re2.prefix.codePointAt(0);
    re2.namedGroups = namedGroups;
    return re2;
  }
  /**
  * Returns true iff textual regular expression {@code pattern} matches string {@code s}.
  *
  * More complicated queries need to use {@link #compile} and the full {@code RE2} interface.
  */
  static match(pattern, s) {
    return RE22.compile(pattern).match(s);
  }
  constructor(expr, prog, numSubexp = 0, longest = 0) {
    this.expr = expr;
    this.prog = prog;
    this.numSubexp = numSubexp;
    this.longest = longest;
    this.cond = prog.startCond();
    this.prefix = null;
    this.prefixUTF8 = null;
    this.prefixComplete = false;
    this.prefixRune = 0;
    this.namedGroups = /* @__PURE__ */ Object.create(null);
    this.machinePool = [];
    this.lazyDFA = null;
    this.onepass = OnePass.compile(this.prog);
    this.prefilter = null;
  }
  get dfa() {
    if (this.lazyDFA === null) this.lazyDFA = new DFA(this.prog);
    return this.lazyDFA;
  }
  matchPrefixComplete(input, pos, anchor, ncap) {
    if ((anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) && pos !== 0) return null;
    let matchStart = -1;
    let matchEnd = -1;
    const pLen = input.prefixLength(this);
    if (anchor === RE2Flags.UNANCHORED) {
      const idx = input.index(this, pos);
      if (idx < 0) return null;
      matchStart = pos + idx;
      matchEnd = matchStart + pLen;
    } else if (anchor === RE2Flags.ANCHOR_BOTH) {
      if (input.endPos() !== pLen) return null;
      if (input.index(this, 0) !== 0) return null;
      matchStart = 0;
      matchEnd = pLen;
    } else if (anchor === RE2Flags.ANCHOR_START) {
      if (input.index(this, 0) !== 0) return null;
      matchStart = 0;
      matchEnd = pLen;
    }
    if (matchStart < 0) return null;
    if (ncap > 0) {
      const matchcap = new Int32Array(ncap).fill(-1);
      matchcap[0] = matchStart;
      matchcap[1] = matchEnd;
      return Array.from(matchcap);
    }
    return [];
  }
  createLookbehindState() {
    return this.prog.numLb > 0 ? new LookbehindState(this.prog) : null;
  }
  executeEngine(input, pos, anchor, ncap, lbState = null) {
    if (this.prefixComplete && (ncap === 0 || this.numSubexp === 0)) return this.matchPrefixComplete(input, pos, anchor, ncap);
    if (this.prefilter !== null && anchor === RE2Flags.UNANCHORED) {
      if (!this.prefilter.eval(input, pos)) return null;
    }
    if (this.onepass !== null) return OnePass.execute(this, input, pos, anchor, ncap);
    if (ncap > 0) {
      if (this.prog.numLb === 0 && input.endPos() <= Backtracker.maxBitStateLen(this.prog)) return Backtracker.execute(this, input, pos, anchor, ncap);
      return this.doExecuteNFA(input, pos, anchor, ncap, lbState);
    }
    if (this.prog.numLb === 0) {
      const dfaResult = this.dfa.match(input, pos, anchor);
      if (dfaResult !== null) return dfaResult ? [] : null;
      if (input.endPos() <= Backtracker.maxBitStateLen(this.prog)) return Backtracker.execute(this, input, pos, anchor, ncap);
    }
    return this.doExecuteNFA(input, pos, anchor, ncap, lbState);
  }
  /**
  * Returns the number of parenthesized subexpressions in this regular expression.
  */
  numberOfCapturingGroups() {
    return this.numSubexp;
  }
  /**
  * Returns the number of instructions in this compiled regular expression program.
  */
  numberOfInstructions() {
    return this.prog.numInst();
  }
  get() {
    return this.machinePool.length > 0 ? this.machinePool.pop() : null;
  }
  reset() {
    this.machinePool.length = 0;
  }
  put(m) {
    this.machinePool.push(m);
  }
  toString() {
    return this.expr;
  }
  doExecuteNFA(input, pos, anchor, ncap, lbState = null) {
    let m = this.get();
    if (!m) m = Machine.fromRE2(this);
    m.init(ncap);
    const cap = m.match(input, pos, anchor, lbState) ? m.submatches() : null;
    this.put(m);
    return cap;
  }
  match(s) {
    return this.executeEngine(MachineInput.fromUTF16(s), 0, RE2Flags.UNANCHORED, 0) !== null;
  }
  /**
  * Matches the regular expression against input starting at position start and ending at position
  * end, with the given anchoring. Records the submatch boundaries in group, which is [start, end)
  * pairs of byte offsets. The number of boundaries needed is inferred from the size of the group
  * array. It is most efficient not to ask for submatch boundaries.
  *
  * @param input the input byte array
  * @param start the beginning position in the input
  * @param end the end position in the input
  * @param anchor the anchoring flag (UNANCHORED, ANCHOR_START, ANCHOR_BOTH)
  * @param group the array to fill with submatch positions
  * @param ngroup the number of array pairs to fill in
  * @param lbState optional state carried between successive matches over the same input (see
  *   createLookbehindState); omit it to evaluate lookbehinds from the beginning of the input
  * @returns true if a match was found
  */
  matchWithGroup(input, start, end, anchor, ngroup, lbState = null) {
    if (!(input instanceof MatcherInputBase)) {
      if (Utils.isByteArray(input)) input = MatcherInput.utf8(input);
      else input = MatcherInput.utf16(input);
    }
    return this.matchMachineInput(input, start, end, anchor, ngroup, lbState);
  }
  matchMachineInput(input, start, end, anchor, ngroup, lbState = null) {
    if (start > end) return [false, null];
    const machineInput = input.isUTF16Encoding() ? MachineInput.fromUTF16(input.asCharSequence(), 0, end) : MachineInput.fromUTF8(input.asBytes(), 0, end);
    const groupMatch = this.executeEngine(machineInput, start, anchor, 2 * ngroup, lbState);
    if (groupMatch === null) return [false, null];
    return [true, groupMatch];
  }
  /**
  * Returns true iff this regexp matches the UTF-8 byte array {@code b}.
  */
  matchUTF8(b) {
    return this.executeEngine(MachineInput.fromUTF8(b), 0, RE2Flags.UNANCHORED, 0) !== null;
  }
  /**
  * Returns a copy of {@code src} in which all matches for this regexp have been replaced by
  * {@code repl}. No support is provided for expressions (e.g. {@code \1} or {@code $1}) in the
  * replacement string.
  */
  replaceAll(src, repl) {
    return this.replaceAllFunc(src, () => repl, 2 * src.length + 1);
  }
  /**
  * Returns a copy of {@code src} in which only the first match for this regexp has been replaced
  * by {@code repl}. No support is provided for expressions (e.g. {@code \1} or {@code $1}) in the
  * replacement string.
  */
  replaceFirst(src, repl) {
    return this.replaceAllFunc(src, () => repl, 1);
  }
  /**
  * Returns a copy of {@code src} in which at most {@code maxReplaces} matches for this regexp have
  * been replaced by the return value of of function {@code repl} (whose first argument is the
  * matched string). No support is provided for expressions (e.g. {@code \1} or {@code $1}) in the
  * replacement string.
  */
  replaceAllFunc(src, replFunc, maxReplaces) {
    let lastMatchEnd = 0;
    let searchPos = 0;
    let out = "";
    const input = MachineInput.fromUTF16(src);
    const lbState = this.createLookbehindState();
    let numReplaces = 0;
    while (searchPos <= src.length) {
      const a = this.executeEngine(input, searchPos, RE2Flags.UNANCHORED, 2, lbState);
      if (a === null || a.length === 0) break;
      out += src.substring(lastMatchEnd, a[0]);
      if (a[1] > lastMatchEnd || a[0] === 0) {
        out += replFunc(src.substring(a[0], a[1]));
        numReplaces++;
      }
      lastMatchEnd = a[1];
      const width = input.step(searchPos) & 7;
      if (searchPos + width > a[1]) searchPos += width;
      else if (searchPos + 1 > a[1]) searchPos++;
      else searchPos = a[1];
      if (numReplaces >= maxReplaces) break;
    }
    out += src.substring(lastMatchEnd);
    return out;
  }
  pad(a) {
    if (a === null) return null;
    let n = (1 + this.numSubexp) * 2;
    if (a.length < n) {
      let a2 = new Array(n).fill(-1);
      for (let i = 0; i < a.length; i++) a2[i] = a[i];
      a = a2;
    }
    return a;
  }
  allMatches(input, n, deliverFun = (v) => v) {
    let result = [];
    const end = input.endPos();
    if (n < 0) n = end + 1;
    let pos = 0;
    let i = 0;
    let prevMatchEnd = -1;
    const lbState = this.createLookbehindState();
    while (i < n && pos <= end) {
      const matches = this.executeEngine(input, pos, RE2Flags.UNANCHORED, this.prog.numCap, lbState);
      if (matches === null || matches.length === 0) break;
      let accept = true;
      if (matches[1] === pos) {
        if (matches[0] === prevMatchEnd) accept = false;
        const r = input.step(pos);
        if (r < 0) pos = end + 1;
        else pos += r & 7;
      } else pos = matches[1];
      prevMatchEnd = matches[1];
      if (accept) {
        result.push(deliverFun(this.pad(matches)));
        i++;
      }
    }
    return result;
  }
  /**
  * Returns an array holding the text of the leftmost match in {@code b} of this regular
  * expression.
  *
  * A return value of null indicates no match.
  */
  findUTF8(b) {
    const a = this.executeEngine(MachineInput.fromUTF8(b), 0, RE2Flags.UNANCHORED, 2);
    if (a === null) return null;
    return b.slice(a[0], a[1]);
  }
  /**
  * Returns a two-element array of integers defining the location of the leftmost match in
  * {@code b} of this regular expression. The match itself is at {@code b[loc[0]...loc[1]]}.
  *
  * A return value of null indicates no match.
  */
  findUTF8Index(b) {
    const a = this.executeEngine(MachineInput.fromUTF8(b), 0, RE2Flags.UNANCHORED, 2);
    if (a === null) return null;
    return a.slice(0, 2);
  }
  /**
  * Returns a string holding the text of the leftmost match in {@code s} of this regular
  * expression.
  *
  * If there is no match, the return value is an empty string, but it will also be empty if the
  * regular expression successfully matches an empty string. Use {@link #findIndex} or
  * {@link #findSubmatch} if it is necessary to distinguish these cases.
  */
  find(s) {
    const a = this.executeEngine(MachineInput.fromUTF16(s), 0, RE2Flags.UNANCHORED, 2);
    if (a === null) return "";
    return s.substring(a[0], a[1]);
  }
  /**
  * Returns a two-element array of integers defining the location of the leftmost match in
  * {@code s} of this regular expression. The match itself is at
  * {@code s.substring(loc[0], loc[1])}.
  *
  * A return value of null indicates no match.
  */
  findIndex(s) {
    return this.executeEngine(MachineInput.fromUTF16(s), 0, RE2Flags.UNANCHORED, 2);
  }
  /**
  * Returns an array of arrays the text of the leftmost match of the regular expression in
  * {@code b} and the matches, if any, of its subexpressions, as defined by the <a
  * href='#submatch'>Submatch</a> description above.
  *
  * A return value of null indicates no match.
  */
  findUTF8Submatch(b) {
    const a = this.executeEngine(MachineInput.fromUTF8(b), 0, RE2Flags.UNANCHORED, this.prog.numCap);
    if (a === null) return null;
    const ret = new Array(1 + this.numSubexp).fill(null);
    for (let i = 0; i < ret.length; i++) if (2 * i < a.length && a[2 * i] >= 0) ret[i] = b.slice(a[2 * i], a[2 * i + 1]);
    return ret;
  }
  /**
  * Returns an array holding the index pairs identifying the leftmost match of this regular
  * expression in {@code b} and the matches, if any, of its subexpressions, as defined by the the
  * <a href='#submatch'>Submatch</a> and <a href='#index'>Index</a> descriptions above.
  *
  * A return value of null indicates no match.
  */
  findUTF8SubmatchIndex(b) {
    return this.pad(this.executeEngine(MachineInput.fromUTF8(b), 0, RE2Flags.UNANCHORED, this.prog.numCap));
  }
  /**
  * Returns an array of strings holding the text of the leftmost match of the regular expression in
  * {@code s} and the matches, if any, of its subexpressions, as defined by the <a
  * href='#submatch'>Submatch</a> description above.
  *
  * A return value of null indicates no match.
  */
  findSubmatch(s) {
    const a = this.executeEngine(MachineInput.fromUTF16(s), 0, RE2Flags.UNANCHORED, this.prog.numCap);
    if (a === null) return null;
    const ret = new Array(1 + this.numSubexp).fill(null);
    for (let i = 0; i < ret.length; i++) if (2 * i < a.length && a[2 * i] >= 0) ret[i] = s.substring(a[2 * i], a[2 * i + 1]);
    return ret;
  }
  /**
  * Returns an array holding the index pairs identifying the leftmost match of this regular
  * expression in {@code s} and the matches, if any, of its subexpressions, as defined by the <a
  * href='#submatch'>Submatch</a> description above.
  *
  * A return value of null indicates no match.
  */
  findSubmatchIndex(s) {
    return this.pad(this.executeEngine(MachineInput.fromUTF16(s), 0, RE2Flags.UNANCHORED, this.prog.numCap));
  }
  /**
  * {@code findAllUTF8()} is the <a href='#all'>All</a> version of {@link #findUTF8}; it returns a
  * list of up to {@code n} successive matches of the expression, as defined by the <a
  * href='#all'>All</a> description above.
  *
  * A return value of null indicates no match.
  *
  * TODO(adonovan): think about defining a byte slice view class, like a read-only Go slice backed
  * by |b|.
  */
  findAllUTF8(b, n) {
    const result = this.allMatches(MachineInput.fromUTF8(b), n, (match) => b.slice(match[0], match[1]));
    if (result.length === 0) return null;
    return result;
  }
  /**
  * {@code findAllUTF8Index} is the <a href='#all'>All</a> version of {@link #findUTF8Index}; it
  * returns a list of up to {@code n} successive matches of the expression, as defined by the <a
  * href='#all'>All</a> description above.
  *
  * A return value of null indicates no match.
  */
  findAllUTF8Index(b, n) {
    const result = this.allMatches(MachineInput.fromUTF8(b), n, (match) => match.slice(0, 2));
    if (result.length === 0) return null;
    return result;
  }
  /**
  * {@code findAll} is the <a href='#all'>All</a> version of {@link #find}; it returns a list of up
  * to {@code n} successive matches of the expression, as defined by the <a href='#all'>All</a>
  * description above.
  *
  * A return value of null indicates no match.
  */
  findAll(s, n) {
    const result = this.allMatches(MachineInput.fromUTF16(s), n, (match) => s.substring(match[0], match[1]));
    if (result.length === 0) return null;
    return result;
  }
  /**
  * {@code findAllIndex} is the <a href='#all'>All</a> version of {@link #findIndex}; it returns a
  * list of up to {@code n} successive matches of the expression, as defined by the <a
  * href='#all'>All</a> description above.
  *
  * A return value of null indicates no match.
  */
  findAllIndex(s, n) {
    const result = this.allMatches(MachineInput.fromUTF16(s), n, (match) => match.slice(0, 2));
    if (result.length === 0) return null;
    return result;
  }
  /**
  * {@code findAllUTF8Submatch} is the <a href='#all'>All</a> version of {@link #findUTF8Submatch};
  * it returns a list of up to {@code n} successive matches of the expression, as defined by the <a
  * href='#all'>All</a> description above.
  *
  * A return value of null indicates no match.
  */
  findAllUTF8Submatch(b, n) {
    const result = this.allMatches(MachineInput.fromUTF8(b), n, (match) => {
      let slice = new Array(match.length / 2 | 0).fill(null);
      for (let j = 0; j < slice.length; j++) if (match[2 * j] >= 0) slice[j] = b.slice(match[2 * j], match[2 * j + 1]);
      return slice;
    });
    if (result.length === 0) return null;
    return result;
  }
  /**
  * {@code findAllUTF8SubmatchIndex} is the <a href='#all'>All</a> version of
  * {@link #findUTF8SubmatchIndex}; it returns a list of up to {@code n} successive matches of the
  * expression, as defined by the <a href='#all'>All</a> description above.
  *
  * A return value of null indicates no match.
  */
  findAllUTF8SubmatchIndex(b, n) {
    const result = this.allMatches(MachineInput.fromUTF8(b), n);
    if (result.length === 0) return null;
    return result;
  }
  /**
  * {@code findAllSubmatch} is the <a href='#all'>All</a> version of {@link #findSubmatch}; it
  * returns a list of up to {@code n} successive matches of the expression, as defined by the <a
  * href='#all'>All</a> description above.
  *
  * A return value of null indicates no match.
  */
  findAllSubmatch(s, n) {
    const result = this.allMatches(MachineInput.fromUTF16(s), n, (match) => {
      let slice = new Array(match.length / 2 | 0).fill(null);
      for (let j = 0; j < slice.length; j++) if (match[2 * j] >= 0) slice[j] = s.substring(match[2 * j], match[2 * j + 1]);
      return slice;
    });
    if (result.length === 0) return null;
    return result;
  }
  /**
  * {@code findAllSubmatchIndex} is the <a href='#all'>All</a> version of
  * {@link #findSubmatchIndex}; it returns a list of up to {@code n} successive matches of the
  * expression, as defined by the <a href='#all'>All</a> description above.
  *
  * A return value of null indicates no match.
  */
  findAllSubmatchIndex(s, n) {
    const result = this.allMatches(MachineInput.fromUTF16(s), n);
    if (result.length === 0) return null;
    return result;
  }
};
var RE2Set = class RE2Set2 {
  /** @type {number} */
  static UNANCHORED = RE2Flags.UNANCHORED;
  /** @type {number} */
  static ANCHOR_START = RE2Flags.ANCHOR_START;
  /** @type {number} */
  static ANCHOR_BOTH = RE2Flags.ANCHOR_BOTH;
  /**
  * Constructs a new RE2Set with the specified anchor mode and flags.
  * @param {number} [anchor=RE2Set.UNANCHORED] - The anchoring mode (e.g., RE2Set.UNANCHORED).
  * @param {number} [flags=0] - The public flags to apply to all patterns in the set.
  * @param {number} [maxMem=8388608] - The maximum memory in bytes to use for the DFA (default 8MB).
  */
  constructor(anchor = RE2Set2.UNANCHORED, flags = 0, maxMem = 8388608) {
    if (![
      RE2Set2.UNANCHORED,
      RE2Set2.ANCHOR_START,
      RE2Set2.ANCHOR_BOTH
    ].includes(anchor)) throw new RE2JSFlagsException("The anchor should be RE2Set.UNANCHORED, RE2Set.ANCHOR_START or RE2Set.ANCHOR_BOTH");
    Utils.checkFlags(flags);
    this.anchor = anchor;
    this.jsFlags = flags;
    this.maxMem = maxMem;
    let re2Flags = RE2Flags.PERL;
    if ((flags & PublicFlags.DISABLE_UNICODE_GROUPS) !== 0) re2Flags &= ~RE2Flags.UNICODE_GROUPS;
    if ((flags & PublicFlags.LOOKBEHINDS) !== 0) re2Flags |= RE2Flags.LOOKBEHIND;
    this.re2Flags = re2Flags;
    this.regexps = [];
    this.prog = null;
    this.dfa = null;
    this.dummyRe2 = null;
  }
  /**
  * Adds a new regular expression pattern to the set.
  * Patterns cannot be added after the set has been compiled.
  * @param {string} pattern - The regular expression pattern to add.
  * @returns {number} The integer index assigned to the added pattern.
  * @throws {RE2JSCompileException} If patterns are added after compilation.
  */
  add(pattern) {
    if (this.prog) throw new RE2JSCompileException("Cannot add patterns after compile");
    Utils.checkPattern(pattern);
    let fregex = pattern;
    if ((this.jsFlags & PublicFlags.CASE_INSENSITIVE) !== 0) fregex = `(?i)${fregex}`;
    if ((this.jsFlags & PublicFlags.DOTALL) !== 0) fregex = `(?s)${fregex}`;
    if ((this.jsFlags & PublicFlags.MULTILINE) !== 0) fregex = `(?m)${fregex}`;
    const re = Parser.parse(fregex, this.re2Flags);
    this.regexps.push(Simplify.simplify(re));
    return this.regexps.length - 1;
  }
  /**
  * Compiles the added patterns into a single state machine.
  * This is automatically called on the first match if not called explicitly.
  * @returns {void}
  */
  compile() {
    if (this.prog) return;
    const prog = Compiler.compileSet(this.regexps);
    if (prog.numInst() > Parser.MAX_SIZE) throw new RE2JSCompileException(`${Parser.ERR_LARGE}: the set compiles to ${prog.numInst()} instructions, more than ${Parser.MAX_SIZE}`);
    this.prog = prog;
    this.dfa = new DFA(this.prog, this.maxMem);
    this.dummyRe2 = {
      prog: this.prog,
      cond: this.prog.startCond(),
      prefix: "",
      prefixRune: 0,
      longest: false
    };
  }
  /**
  * Matches the input against the compiled set of regular expressions.
  * @param {string|number[]|Uint8Array} input - The input string or UTF-8 byte array to match against.
  * @returns {number[]} An array of indices representing the patterns that successfully matched the input.
  */
  match(input) {
    if (!this.prog) this.compile();
    const machineInput = Utils.isByteArray(input) ? MachineInput.fromUTF8(input) : MachineInput.fromUTF16(input);
    let internalAnchor = RE2Flags.UNANCHORED;
    if (this.anchor === RE2Set2.ANCHOR_START) internalAnchor = RE2Flags.ANCHOR_START;
    else if (this.anchor === RE2Set2.ANCHOR_BOTH) internalAnchor = RE2Flags.ANCHOR_BOTH;
    const dfaResult = this.dfa.matchSet(machineInput, 0, internalAnchor);
    if (dfaResult !== null) return dfaResult;
    const machine = Machine.fromRE2(this.dummyRe2);
    machine.init(0);
    return machine.matchSet(machineInput, 0, internalAnchor);
  }
};
var TranslateRegExpString = class TranslateRegExpString2 {
  static isHexadecimal(ch) {
    return "0" <= ch && ch <= "9" || "A" <= ch && ch <= "F" || "a" <= ch && ch <= "f";
  }
  static translate(data) {
    let prefixFlags = "";
    if (Object.prototype.toString.call(data) === "[object RegExp]") {
      if (data.ignoreCase) prefixFlags += "i";
      if (data.multiline) prefixFlags += "m";
      if (data.dotAll) prefixFlags += "s";
      data = data.source;
    }
    if (typeof data !== "string") return data;
    let result = "";
    let changed = false;
    let size = data.length;
    if (size === 0) {
      result = "(?:)";
      changed = true;
    }
    let inCharClass = false;
    let i = 0;
    while (i < size) {
      let ch = data[i];
      if (ch === "\\") {
        if (i + 1 < size) {
          ch = data[i + 1];
          switch (ch) {
            case "\\":
              result += "\\\\";
              i += 2;
              continue;
            case "c":
              if (i + 2 < size) {
                let code = data[i + 2].charCodeAt(0);
                if (code >= 65 && code <= 90 || code >= 97 && code <= 122) {
                  let val = code % 32;
                  result += "\\x";
                  result += (val >> 4).toString(16).toUpperCase();
                  result += (val & 15).toString(16).toUpperCase();
                  i += 3;
                  changed = true;
                  continue;
                }
              }
              result += "c";
              i += 2;
              changed = true;
              continue;
            case "u":
              if (i + 2 < size) {
                if (data[i + 2] === "{") {
                  let j = i + 3;
                  let hasHex = false;
                  let closed = false;
                  while (j < size) {
                    const hexChar = data[j];
                    if (hexChar === "}") {
                      closed = true;
                      break;
                    }
                    if (!TranslateRegExpString2.isHexadecimal(hexChar)) break;
                    hasHex = true;
                    j++;
                  }
                  if (closed && hasHex) {
                    result += "\\x";
                    i += 2;
                    changed = true;
                    continue;
                  }
                } else if (i + 5 < size) {
                  let isHex4 = true;
                  for (let j = 0; j < 4; j++) if (!TranslateRegExpString2.isHexadecimal(data[i + 2 + j])) {
                    isHex4 = false;
                    break;
                  }
                  if (isHex4) {
                    result += "\\x{" + data.substring(i + 2, i + 6) + "}";
                    i += 6;
                    changed = true;
                    continue;
                  }
                }
              }
              result += "u";
              i += 2;
              changed = true;
              continue;
            case "x": {
              let isValidHex = false;
              if (i + 2 < size && data[i + 2] === "{") {
                let j = i + 3;
                let hasHex = false;
                let closed = false;
                while (j < size) {
                  const hexChar = data[j];
                  if (hexChar === "}") {
                    closed = true;
                    break;
                  }
                  if (!TranslateRegExpString2.isHexadecimal(hexChar)) break;
                  hasHex = true;
                  j++;
                }
                if (closed && hasHex) isValidHex = true;
              } else if (i + 3 < size && TranslateRegExpString2.isHexadecimal(data[i + 2]) && TranslateRegExpString2.isHexadecimal(data[i + 3])) isValidHex = true;
              if (isValidHex) {
                result += "\\x";
                i += 2;
              } else {
                result += "x";
                i += 2;
                changed = true;
              }
              continue;
            }
            case "n":
            case "r":
            case "t":
            case "a":
            case "f":
            case "v":
            case "d":
            case "D":
            case "s":
            case "S":
            case "w":
            case "W":
            case "b":
            case "B":
            case "p":
            case "P":
            case "A":
            case "z":
            case "Q":
            case "E":
            case "0":
            case "1":
            case "2":
            case "3":
            case "4":
            case "5":
            case "6":
            case "7":
              result += "\\" + ch;
              i += 2;
              continue;
            default: {
              let cp2 = data.codePointAt(i + 1);
              if (cp2 >= 48 && cp2 <= 57 || cp2 >= 65 && cp2 <= 90 || cp2 >= 97 && cp2 <= 122) {
                let symSize2 = Utils.charCount(cp2);
                result += data.substring(i + 1, i + 1 + symSize2);
                i += symSize2 + 1;
                changed = true;
              } else {
                result += "\\";
                let symSize2 = Utils.charCount(cp2);
                result += data.substring(i + 1, i + 1 + symSize2);
                i += symSize2 + 1;
              }
              continue;
            }
          }
        }
      } else if (ch === "/") {
        result += "\\/";
        i += 1;
        changed = true;
        continue;
      } else if (ch === "[") {
        if (!inCharClass && data[i + 1] === "]") {
          result += "[^\\x00-\\x{10FFFF}]";
          i += 2;
          changed = true;
          continue;
        }
        if (!inCharClass && data[i + 1] === "^" && data[i + 2] === "]") {
          result += "[\\x00-\\x{10FFFF}]";
          i += 3;
          changed = true;
          continue;
        }
        inCharClass = true;
      } else if (ch === "]") inCharClass = false;
      else if (!inCharClass && ch === "(" && i + 2 < size && data[i + 1] === "?" && data[i + 2] === "<") {
        if (i + 3 < size && !"=!>)".includes(data[i + 3])) {
          result += "(?P<";
          i += 3;
          changed = true;
          continue;
        }
      }
      let cp = data.codePointAt(i);
      let symSize = Utils.charCount(cp);
      result += data.substring(i, i + symSize);
      i += symSize;
    }
    const finalResult = changed ? result : data;
    if (prefixFlags.length > 0) return `(?${prefixFlags})${finalResult}`;
    return finalResult;
  }
};
var execResult = (m, input) => {
  const result = m.matchArray();
  result.index = m.start(0);
  result.input = input;
  result.groups = m.namedGroupsObject();
  return result;
};
var RE2JS = class RE2JS2 {
  /**
  * Flag: case insensitive matching.
  */
  static CASE_INSENSITIVE = PublicFlags.CASE_INSENSITIVE;
  /**
  * Flag: dot ({@code .}) matches all characters, including newline.
  */
  static DOTALL = PublicFlags.DOTALL;
  /**
  * Flag: multiline matching: {@code ^} and {@code $} match at beginning and end of line, not just
  * beginning and end of input.
  */
  static MULTILINE = PublicFlags.MULTILINE;
  /**
  * Flag: Unicode groups (e.g. {@code \p\ Greek\} ) will be syntax errors.
  */
  static DISABLE_UNICODE_GROUPS = PublicFlags.DISABLE_UNICODE_GROUPS;
  /**
  * Flag: matches longest possible string.
  */
  static LONGEST_MATCH = PublicFlags.LONGEST_MATCH;
  /**
  * Flag: enable linear-time captureless lookbehinds.
  */
  static LOOKBEHINDS = PublicFlags.LOOKBEHINDS;
  /**
  * Returns a literal pattern string for the specified string.
  *
  * This method produces a string that can be used to create a <code>RE2JS</code> that would
  * match the string <code>s</code> as if it were a literal pattern.
  *
  * Metacharacters or escape sequences in the input sequence will be given no special meaning.
  *
  * @param {string} str The string to be literalized
  * @returns {string} A literal string replacement
  */
  static quote(str) {
    return Utils.quoteMeta(str);
  }
  /**
  * Quotes '\' and '$' in {@code str}, so that the returned string could be used in
  * replacement methods as a literal replacement of {@code str}.
  *
  * This is a convenience delegation to {@link Matcher.quoteReplacement}.
  *
  * @param {string} str the string to be quoted
  * @param {boolean} [javaMode=false] whether the replacement will be used in javaMode
  * @returns {string} the quoted string
  */
  static quoteReplacement(str, javaMode = false) {
    return Matcher.quoteReplacement(str, javaMode);
  }
  /**
  * Translates a given regular expression string to ensure compatibility with RE2JS.
  *
  * This function preprocesses the input regex string by applying necessary transformations,
  * such as escaping special characters (e.g., `/`), converting named capture groups to
  * RE2JS-compatible syntax, and handling Unicode sequences properly. It ensures that the
  * resulting regex is safe and properly formatted before compilation.
  *
  * @param {string|RegExp} expr - The regular expression string to be translated.
  * @returns {string} - The transformed regular expression string, ready for compilation.
  */
  static translateRegExp(expr) {
    return TranslateRegExpString.translate(expr);
  }
  /**
  * Helper: create new RE2JS with given regex and flags. Flregex is the regex with flags applied.
  * @param {string} regex
  * @param {number} [flags=0]
  * @returns {RE2JS}
  */
  static compile(regex, flags = 0) {
    Utils.checkPattern(regex);
    Utils.checkFlags(flags);
    let fregex = regex;
    if ((flags & RE2JS2.CASE_INSENSITIVE) !== 0) fregex = `(?i)${fregex}`;
    if ((flags & RE2JS2.DOTALL) !== 0) fregex = `(?s)${fregex}`;
    if ((flags & RE2JS2.MULTILINE) !== 0) fregex = `(?m)${fregex}`;
    let re2Flags = RE2Flags.PERL;
    if ((flags & RE2JS2.DISABLE_UNICODE_GROUPS) !== 0) re2Flags &= ~RE2Flags.UNICODE_GROUPS;
    if ((flags & RE2JS2.LOOKBEHINDS) !== 0) re2Flags |= RE2Flags.LOOKBEHIND;
    const p = new RE2JS2(regex, flags);
    p.re2Input = RE2.compileImpl(fregex, re2Flags, (flags & RE2JS2.LONGEST_MATCH) !== 0);
    return p;
  }
  /**
  * Matches a string against a regular expression.
  *
  * @param {string} regex the regular expression
  * @param {string|number[]|Uint8Array} input the input
  * @returns {boolean} true if the regular expression matches the entire input
  * @throws RE2JSSyntaxException if the regular expression is malformed
  */
  static matches(regex, input) {
    return RE2JS2.compile(regex).testExact(input);
  }
  /**
  * This is visible for testing.
  * @private
  */
  static initTest(pattern, flags, re2) {
    if (pattern == null) throw new Error("pattern is null");
    if (re2 == null) throw new Error("re2 is null");
    const p = new RE2JS2(pattern, flags);
    p.re2Input = re2;
    return p;
  }
  /**
  *
  * @param {string} pattern
  * @param {number} flags
  */
  constructor(pattern, flags) {
    this.patternInput = pattern;
    this.flagsInput = flags;
    this.re2Input = null;
  }
  /**
  * Releases memory used by internal caches associated with this pattern. Does not change the
  * observable behaviour. Useful for tests that detect memory leaks via allocation tracking.
  */
  reset() {
    this.re2Input.reset();
  }
  /**
  * Returns the flags used in the constructor.
  * @returns {number}
  */
  flags() {
    return this.flagsInput;
  }
  /**
  * Returns the pattern used in the constructor.
  * @returns {string}
  */
  pattern() {
    return this.patternInput;
  }
  re2() {
    return this.re2Input;
  }
  /**
  * Matches a string against a regular expression.
  *
  * @param {string|number[]|Uint8Array} input the input
  * @returns {boolean} true if the regular expression matches the entire input
  */
  matches(input) {
    return this.testExact(input);
  }
  /**
  * Creates a new {@code Matcher} matching the pattern against the input.
  *
  * @param {string|number[]|Uint8Array|MatcherInputBase} input the input string
  * @returns {Matcher}
  */
  matcher(input) {
    if (Utils.isByteArray(input)) input = MatcherInput.utf8(input);
    return new Matcher(this, input);
  }
  /**
  * Tests whether the regular expression matches any part of the input string.
  * Performance Note: This method is highly optimized. Because it only returns
  * a boolean and does not extract capture groups, it bypasses the `Matcher` overhead
  * and guarantees execution on the high-speed DFA engine whenever possible.
  *
  * @param {string|number[]|Uint8Array} input - The input string or UTF-8 byte array to test against.
  * @returns {boolean} `true` if the pattern is found anywhere in the input, `false` otherwise.
  */
  test(input) {
    if (Utils.isByteArray(input)) return this.re2Input.matchUTF8(input);
    return this.re2Input.match(input);
  }
  /**
  * Tests whether the regular expression matches the ENTIRE input string.
  * * **Performance Note:** This operates identically to `.matches()`, but is significantly
  * faster because it does not request capture group data. By requesting 0 capture groups,
  * it securely routes execution through the DFA fast-path.
  *
  * @param {string|number[]|Uint8Array} input - The input string or UTF-8 byte array to test against.
  * @returns {boolean} `true` if the exact input string fully matches the pattern, `false` otherwise.
  */
  testExact(input) {
    const machineInput = Utils.isByteArray(input) ? MachineInput.fromUTF8(input) : MachineInput.fromUTF16(input);
    return this.re2Input.executeEngine(machineInput, 0, RE2Flags.ANCHOR_BOTH, 0) !== null;
  }
  /**
  * Executes a search for a match in a specified string.
  * Returns a result array, or null if no match is found.
  * The returned array perfectly mirrors standard JavaScript `RegExpExecArray`,
  * including `.index`, `.input`, and `.groups` properties.
  *
  * @param {string|number[]|Uint8Array} input the input string or byte array
  * @returns {Array|null} the match array with index, input, and groups properties, or null
  */
  exec(input) {
    const m = this.matcher(input);
    return m.find() ? execResult(m, input) : null;
  }
  /**
  * Splits input around instances of the regular expression. It returns an array giving the strings
  * that occur before, between, and after instances of the regular expression.
  *
  * If {@code limit <= 0}, there is no limit on the size of the returned array. If
  * {@code limit == 0}, empty strings that would occur at the end of the array are omitted. If
  * {@code limit > 0}, at most limit strings are returned. The final string contains the remainder
  * of the input, possibly including additional matches of the pattern.
  *
  * @param {string} input the input string to be split
  * @param {number} [limit=0] the limit
  * @returns {string[]} the split strings
  */
  split(input, limit = 0) {
    const m = this.matcher(input);
    const result = [];
    let emptiesSkipped = 0;
    let last = 0;
    while (m.find()) {
      if (last === 0 && m.end() === 0) {
        last = m.end();
        continue;
      }
      if (limit > 0 && result.length === limit - 1) break;
      if (last === m.start()) {
        if (limit === 0) {
          emptiesSkipped += 1;
          last = m.end();
          continue;
        }
      } else while (emptiesSkipped > 0) {
        result.push("");
        emptiesSkipped -= 1;
      }
      result.push(m.substring(last, m.start()));
      last = m.end();
    }
    if (limit === 0 && last !== m.inputLength()) {
      while (emptiesSkipped > 0) {
        result.push("");
        emptiesSkipped -= 1;
      }
      result.push(m.substring(last, m.inputLength()));
    }
    if (limit !== 0 || result.length === 0 && !(last === m.inputLength() && last > 0)) result.push(m.substring(last, m.inputLength()));
    return result;
  }
  /**
  * Returns an iterator of all results matching a string against the regular expression,
  * including capturing groups.
  *
  * @param {string|number[]|Uint8Array} input the input string or byte array
  * @returns {IterableIterator<RegExpMatchArray>}
  */
  *matchAll(input) {
    const m = this.matcher(input);
    while (m.find()) yield execResult(m, input);
  }
  /**
  *
  * @returns {string}
  */
  toString() {
    return this.patternInput;
  }
  /**
  * Returns the program size of this pattern.
  *
  * <p>
  * Similar to the C++ implementation, the program size is a very approximate measure of a regexp's
  * "cost". Larger numbers are more expensive than smaller numbers.
  * </p>
  *
  * @returns {number} the program size of this pattern
  */
  programSize() {
    return this.re2Input.numberOfInstructions();
  }
  /**
  * Returns the number of capturing groups in this matcher's pattern. Group zero denotes the entire
  * pattern and is excluded from this count.
  *
  * @returns {number} the number of capturing groups in this pattern
  */
  groupCount() {
    return this.re2Input.numberOfCapturingGroups();
  }
  /**
  * Return a map of the capturing groups in this matcher's pattern, where key is the name and value
  * is the index of the group in the pattern.
  * @returns {Record<string, number>}
  */
  namedGroups() {
    return this.re2Input.namedGroups;
  }
  /**
  *
  * @param {*} other
  * @returns {boolean}
  */
  equals(other) {
    if (this === other) return true;
    if (other === null || this.constructor !== other.constructor) return false;
    return this.flagsInput === other.flagsInput && this.patternInput === other.patternInput;
  }
};

// src/engine/linear.ts
var toRe2Syntax = (source) => source.replaceAll(/(?<!\\)((?:\\\\)*)\\u([0-9A-Fa-f]{4})/g, "$1\\x{$2}");
function compileLinear(source, flags = "") {
  let bits = 0;
  if (flags.includes("i")) bits |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes("s")) bits |= RE2JS.DOTALL;
  if (flags.includes("m")) bits |= RE2JS.MULTILINE;
  const re = RE2JS.compile(toRe2Syntax(source), bits);
  return {
    source,
    *matches(text, group) {
      const matcher = re.matcher(text);
      while (matcher.find()) {
        const start = matcher.start();
        const end = matcher.end();
        const g = group === 0 ? [start, end] : [matcher.start(group), matcher.end(group)];
        yield [start, end, g[0], g[1]];
      }
    },
    test: (text) => re.matcher(text).find(),
    whole: (text) => re.matcher(text).matches()
  };
}

// src/engine/validators.ts
var digitsOf = (value) => value.replaceAll(/\D/g, "");
var NON_PUBLIC_TLDS = /* @__PURE__ */ new Set([
  "local",
  "localhost",
  "invalid",
  "png",
  "jpg",
  "jpeg",
  "gif",
  "svg",
  "webp",
  "ico",
  "css",
  "js",
  "ts",
  "json",
  "git",
  "md",
  "txt"
]);
function luhn(digits) {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = (digits.codePointAt(digits.length - 1 - i) ?? 48) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}
var CARD_NETWORKS = [
  { prefix: /^4/, lengths: [13, 16, 19] },
  // Visa
  { prefix: /^(?:5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720))/, lengths: [16] },
  // Mastercard
  { prefix: /^3[47]/, lengths: [15] },
  // American Express
  { prefix: /^(?:6011|65|64[4-9]|622)/, lengths: [16, 19] },
  // Discover
  { prefix: /^(?:30[0-5]|3095|36|3[89])/, lengths: [14, 16, 19] },
  // Diners Club
  { prefix: /^35(?:2[89]|[3-8])/, lengths: [16, 19] },
  // JCB
  { prefix: /^62/, lengths: [16, 17, 18, 19] },
  // UnionPay
  { prefix: /^(?:50|5[6-8]|6[0-9])/, lengths: [12, 13, 14, 15, 16, 17, 18, 19] },
  // Maestro
  { prefix: /^220[0-4]/, lengths: [16, 17, 18, 19] },
  // Mir
  { prefix: /^(?:1800|2131)/, lengths: [15] },
  // JCB, 15 digits
  { prefix: /^1/, lengths: [15] }
  // UATP
];
var IBAN_LENGTHS = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HN: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30
};
function iban(value) {
  const compact = value.replaceAll(/[\s-]/g, "").toUpperCase();
  if (IBAN_LENGTHS[compact.slice(0, 2)] !== compact.length) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.codePointAt(0) ?? 0;
    const n = code >= 65 ? code - 55 : code - 48;
    if (n < 0 || n > 35) return false;
    remainder = (remainder * (n > 9 ? 100 : 10) + n) % 97;
  }
  return remainder === 1;
}
function ipv4(value) {
  const parts = value.split(".");
  return parts.length === 4 && parts.every((p) => /^(?:0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}
function ipv6(value) {
  const text = value.toLowerCase();
  if (!/^[\da-f:]+$/.test(text) || text.includes(":::")) return false;
  const halves2 = text.split("::");
  if (halves2.length > 2) return false;
  const groups = halves2.flatMap((half) => half === "" ? [] : half.split(":"));
  if (groups.some((g) => g.length === 0 || g.length > 4)) return false;
  return halves2.length === 2 ? groups.length >= 1 && groups.length <= 7 : groups.length === 8;
}
function entropy(value) {
  const counts = /* @__PURE__ */ new Map();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
var PLACEHOLDER = /^[<{[$%]|[>}\]]$|\.{3}|…|x{4,}|X{4,}|#{3,}|\*{3,}|(?<![A-Za-z0-9])your|your[_-]|example[_-]?key|^AKIAIOSFODNN7EXAMPLE$|redacted|changeme|placeholder|dummy|sample|insert|replace|here$|^(?:pass(?:word)?|secret|admin|root|test|letmein|qwerty|hunter)\d*!?$/i;
var SEQUENTIAL = /0123456|1234567|2345678|3456789|abcdefg|bcdefgh|cdefghi|ABCDEFG|BCDEFGH/;
function placeholder(value) {
  if (PLACEHOLDER.test(value) || SEQUENTIAL.test(value)) return true;
  const tail = value.replace(/^[A-Za-z]{2,10}[-_.]/, "");
  return tail.length >= 12 && !/\d/.test(tail) && (tail === tail.toUpperCase() || tail === tail.toLowerCase());
}
var CODE_REFERENCE = /^(?:process|os|env|environ|settings|config|cfg|conf|secrets|vars|self|this|app|params|args|options|opts|credentials|creds|system|context|ctx|props|values|inputs?|data|req|request|window|import|document)(?:\.[A-Za-z_$][\w$]*)+$|^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*[([]/i;
var validators = {
  /** An address whose domain ends in an alphabetic public-looking TLD. */
  email(value) {
    const at = value.lastIndexOf("@");
    if (at <= 0) return false;
    const domain = value.slice(at + 1).toLowerCase();
    const tld = domain.slice(domain.lastIndexOf(".") + 1);
    return domain.includes(".") && !NON_PUBLIC_TLDS.has(tld) && !domain.startsWith("-");
  },
  /** 10 to 15 digits (E.164 allows at most 15), not all the same digit. */
  phone(value) {
    const digits = digitsOf(value.replace(/\s*(?:ext\.?|x|#)\s*\d+$/i, "").replace(/^(?:\+{1,2}|00|011)\s?/, "+"));
    return digits.length >= 10 && digits.length <= 15 && !/^(\d)\1+$/.test(digits);
  },
  /** 7 to 15 digits (a national number may lack its area code), not a date, not one repeated digit. */
  phoneNational(value) {
    const number = value.replace(/\s*(?:ext\.?|x|#)\s*\d+$/i, "");
    const digits = digitsOf(number);
    if (digits.length < 7 || digits.length > 15 || /^(\d)\1+$/.test(digits)) return false;
    return !/^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$/.test(number.trim());
  },
  /** Luhn-valid, with the length and prefix of a known card network, not one repeated digit. */
  creditCard(value) {
    const digits = digitsOf(value);
    if (!luhn(digits) || /^(\d)\1+$/.test(digits)) return false;
    return CARD_NETWORKS.some((n) => n.prefix.test(digits) && n.lengths.includes(digits.length));
  },
  /** Area 001-665/667-899, group 01-99, serial 0001-9999 (SSA rules); not the advertised 078-05-1120. */
  usSsn(value) {
    const digits = digitsOf(value);
    if (digits.length !== 9 || digits === "078051120" || digits === "219099999") return false;
    const area = Number(digits.slice(0, 3));
    return area !== 0 && area !== 666 && area < 900 && digits.slice(3, 5) !== "00" && digits.slice(5) !== "0000";
  },
  iban,
  /**
   * IPv4 with every octet 0-255 (no leading zeros), or IPv6 (full or compressed). Not an IPv4
   * that names no one: 0.0.0.0/8 ("any", "this network") and 224-255 (multicast, reserved, the
   * broadcast and netmasks such as 255.255.255.0). Loopback stays: the corpora count it.
   */
  ip(value) {
    if (value.includes(":")) return ipv6(value);
    const first = Number(value.split(".")[0]);
    return ipv4(value) && first !== 0 && first < 224;
  },
  /** IPv6 ending in an IPv4 (::ffff:192.0.2.1, 64:ff9b::198.51.100.7, 0:0:0:0:0:ffff:192.0.2.1). */
  ipv6v4(value) {
    const colon = value.lastIndexOf(":");
    if (!ipv4(value.slice(colon + 1))) return false;
    return ipv6(`${value.slice(0, colon + 1)}0:0`);
  },
  /** An IPv6 address written with "::". */
  ipCompressed(value) {
    return value.includes("::") && ipv6(value);
  },
  /** A secret-looking value: long, random enough, and not a placeholder. */
  secretValue(value) {
    return value.length >= 12 && !placeholder(value) && entropy(value) >= 3.3 && /\d/.test(value) && /[A-Za-z]/.test(value);
  },
  /** A password in a URL: not a placeholder or a default, and not a plain dictionary word. */
  password(value) {
    return value.length >= 6 && !placeholder(value) && !/^[a-z]+$/.test(value) && entropy(value) >= 2.5;
  },
  /**
   * A password someone typed (after "my password is", in a `password=` setting): a letter and a
   * digit or symbol, not a placeholder, not a link, an address or a path.
   */
  passwordValue(value) {
    if (value.length < 6 || placeholder(value) || entropy(value) < 2 || /^(?:yes|no|none|null|true|false|n\/a)\b/i.test(value)) return false;
    if (!new RegExp("\\p{L}", "u").test(value) || !/[\d\p{P}\p{S}]/u.test(value)) return false;
    if (/:\/\/|^\/|^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(value) || /^[\p{L}]+[.,!?:;]$/u.test(value)) return false;
    return !CODE_REFERENCE.test(value);
  },
  /** A token with a known prefix: not a placeholder and not one repeated character. */
  token(value) {
    return !placeholder(value) && !/(.)\1{7,}/.test(value);
  },
  /** HTTP Basic credentials: base64 of `user:password`, not the documentation's username:password. */
  basicAuth(value) {
    let decoded;
    try {
      decoded = atob(value);
    } catch {
      return false;
    }
    const colon = decoded.indexOf(":");
    if (colon <= 0 || !/^[\x20-\x7e]+$/.test(decoded)) return false;
    const password = decoded.slice(colon + 1);
    return password.length >= 4 && !placeholder(password) && !/^(?:password|pass|secret|pwd)$/i.test(password);
  },
  /** A JWT: base64url parts whose header decodes to JSON with an `alg`. */
  jwt(value) {
    const header = value.split(".")[0] ?? "";
    try {
      return /"alg"/.test(atob(header.replaceAll("-", "+").replaceAll("_", "/")));
    } catch {
      return false;
    }
  }
};
function getValidator(name) {
  return Object.hasOwn(validators, name) ? validators[name] : void 0;
}

// src/engine/word-trie.ts
var escapeChar = (ch) => ch.replace(/[.*+?^${}()|[\]\\/-]/, String.raw`\$&`);
function trieSource(words, afterFirst = "") {
  const root = { end: false, children: /* @__PURE__ */ new Map() };
  for (const word of words) {
    let node = root;
    for (const ch of word) {
      let next = node.children.get(ch);
      if (next === void 0) node.children.set(ch, next = { end: false, children: /* @__PURE__ */ new Map() });
      node = next;
    }
    node.end = true;
  }
  return branches(root, afterFirst);
}
function branches(node, afterFirst) {
  const alternatives = [...node.children].map(([ch, child]) => {
    const rest = child.children.size === 0 ? "" : child.end ? `(?:${branches(child)})?` : branches(child);
    return escapeChar(ch) + (afterFirst ?? "") + rest;
  });
  return alternatives.length === 1 ? alternatives[0] : `(?:${alternatives.join("|")})`;
}

// src/engine/compile.ts
var RuleCompileError = class extends Error {
  constructor(ruleId, message, subject = `rule ${ruleId}`) {
    super(`${subject}: ${message}`);
    this.ruleId = ruleId;
    this.name = "RuleCompileError";
  }
  ruleId;
};
function compileRegex(id, pattern, flags) {
  try {
    return new RegExp(pattern, flags);
  } catch (error) {
    throw new RuleCompileError(id, `invalid pattern: ${error.message}`);
  }
}
function compileUser(id, what, pattern, flags, subject) {
  try {
    return compileLinear(pattern, flags);
  } catch (error) {
    const message = error.message.replace(/^error parsing regexp: /, "");
    throw new RuleCompileError(
      id,
      `the ${what} is not supported (${message}): patterns from a config run on a linear-time engine, without lookarounds or backreferences`,
      subject
    );
  }
}
function compileContext(context2, delta) {
  if (context2 === void 0 || context2.words.length === 0) return void 0;
  const words = context2.words.map((w) => w.toLowerCase());
  const source = String.raw`${trieSource(words, String.raw`(?<![a-z][\s\S])`)}(?![a-z])`;
  let regexes = contextRegexes.get(source);
  if (regexes === void 0) contextRegexes.set(source, regexes = { regex: new RegExp(source, "i"), global: new RegExp(source, "gi") });
  return { ...regexes, words, window: context2.window, after: context2.after ?? 0, delta };
}
var FEW_KEYWORDS = 10;
var contextRegexes = /* @__PURE__ */ new Map();
function hasAssertion(source) {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      const next = source[i + 1] ?? "";
      if (!inClass && /[bBk1-9]/.test(next)) return true;
      i++;
    } else if (inClass) {
      if (c === "]") inClass = false;
    } else if (c === "[") inClass = true;
    else if (c === "^" || c === "$") return true;
    else if (c === "(" && source[i + 1] === "?" && (source[i + 2] === "=" || source[i + 2] === "!" || source[i + 2] === "<")) {
      if (source[i + 2] !== "<" || source[i + 3] === "=" || source[i + 3] === "!") return true;
    }
  }
  return false;
}
function triggerOf(rule) {
  if (rule.keywords !== void 0 && rule.keywords.length > 0) return "keywords";
  return rule.prefilter !== void 0 && !hasAssertion(rule.prefilter) ? "prefilter" : "always";
}
function compileOne(rule, prefilters, user) {
  const flags = /* @__PURE__ */ new Set([...rule.flags ?? "", "g"]);
  if (flags.has("y")) throw new RuleCompileError(rule.id, 'the sticky flag "y" is not supported');
  if (rule.group !== void 0) flags.add("d");
  const regex = user ? compileUser(rule.id, "pattern", rule.pattern, rule.flags ?? "") : compileRegex(rule.id, rule.pattern, [...flags].join(""));
  if (regex.test("")) throw new RuleCompileError(rule.id, "pattern matches the empty string");
  if (regex instanceof RegExp) regex.lastIndex = 0;
  let validator;
  if (rule.validator !== void 0) {
    validator = getValidator(rule.validator);
    if (validator === void 0) throw new RuleCompileError(rule.id, `unknown validator "${rule.validator}"`);
  }
  const confidence = rule.confidence ?? 0.8;
  if (!(confidence >= 0 && confidence <= 1)) throw new RuleCompileError(rule.id, "confidence must be between 0 and 1");
  const keywords = rule.keywords?.length ? rule.keywords.map((k) => flags.has("i") ? k.toLowerCase() : k) : void 0;
  return {
    id: rule.id,
    type: rule.type,
    category: rule.category,
    severity: rule.severity,
    regex,
    group: rule.group ?? 0,
    keywords: keywords?.map((k) => new Keyword(k)),
    keywordRegex: keywords === void 0 || keywords.length <= FEW_KEYWORDS ? void 0 : new RegExp(trieSource(keywords), "g"),
    keywordsIgnoreCase: flags.has("i"),
    prefilter: rule.prefilter === void 0 ? -1 : prefilterIndex(rule, prefilters, user),
    window: rule.prefilter === void 0 ? -1 : rule.prefilterWindow ?? -1,
    trigger: triggerOf(rule),
    needsWords: void 0,
    anchored: regex instanceof RegExp && regex.source.startsWith("^") && !regex.multiline,
    keyWordsOnly: false,
    validator,
    confidence,
    context: compileContext(rule.context, rule.context?.boost ?? 0.3),
    negativeContext: compileContext(rule.negativeContext, -(rule.negativeContext?.penalty ?? 0.5))
  };
}
function prefilterIndex(rule, prefilters, user) {
  const ignoreCase = rule.flags?.includes("i") === true;
  const key = `${user ? "re2" : "js"}/${ignoreCase ? "i" : ""}/${rule.prefilter}`;
  if (!prefilters.has(key)) {
    const source = rule.prefilter;
    prefilters.set(key, user ? compileUser(rule.id, "prefilter", source, ignoreCase ? "i" : "") : compileRegex(rule.id, source, ignoreCase ? "gi" : "g"));
  }
  return [...prefilters.keys()].indexOf(key);
}
function compileAllowlist(allowlist) {
  if (allowlist === void 0) return void 0;
  const patterns = (allowlist.patterns ?? []).map((p, i) => compileUser(`allowlist.patterns[${i}]`, "pattern", p, "i", `allowlist.patterns[${i}]`));
  return {
    values: new Set((allowlist.values ?? []).map((v) => v.toLowerCase())),
    emailDomains: (allowlist.emailDomains ?? []).map((d) => d.toLowerCase().replace(/^@/, "")),
    patterns
  };
}
function grouped(prefilter) {
  if (!(prefilter instanceof RegExp)) return prefilter;
  const source = groupByFirstChar(prefilter.source, prefilter.ignoreCase);
  return source === prefilter.source ? prefilter : new RegExp(source, prefilter.flags);
}
function walkSource(source, visit) {
  if (source.includes("[[")) return void 0;
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else {
      if (visit(i, depth)) return true;
      if (c === "(") depth++;
      else if (c === ")") depth--;
    }
  }
  return false;
}
var SPACES_THEN_GROUP_1 = /^\^(?:\\s(?:[*+?]|\{\d+(?:,\d*)?\})?)?\((?!\?)/;
function spanStartsText(one) {
  if (!(one.regex instanceof RegExp)) return false;
  const { source } = one.regex;
  if (!source.startsWith("^") || one.regex.multiline) return false;
  if (one.prefilter !== -1 && one.window >= 0) return false;
  const alternation = walkSource(source, (i, depth) => source[i] === "|" && depth === 0);
  if (alternation !== false) return false;
  if (one.group === 0) return true;
  const head = SPACES_THEN_GROUP_1.exec(source);
  if (one.group !== 1 || head === null) return false;
  const open = head[0].length - 1;
  let close = -1;
  walkSource(source, (i, depth) => {
    if (i > open && depth === 1 && source[i] === ")") close = i;
    return close !== -1;
  });
  const after = source[close + 1];
  return close !== -1 && (after === void 0 || !"*+?{".includes(after));
}
function wordsStayInKey(context2) {
  return context2 !== void 0 && context2.after === 0 && !joinsKeyAndValue(context2.words) && !context2.words.some((w) => w.length === 0 || /\s$/.test(w));
}
function compileRules(rules, options = {}) {
  const seen = /* @__PURE__ */ new Set();
  const prefilters = /* @__PURE__ */ new Map();
  const minConfidence = options.minConfidence ?? 0.5;
  const compiled = rules.map((rule) => {
    if (seen.has(rule.id)) throw new RuleCompileError(rule.id, "duplicate rule id");
    seen.add(rule.id);
    const one = compileOne(rule, prefilters, options.userRules?.has(rule.id) === true);
    if (one.confidence < minConfidence)
      one.needsWords = one.context === void 0 || one.confidence + one.context.delta < minConfidence ? [] : (rule.context?.words ?? []).map((w) => w.toLowerCase());
    one.keyWordsOnly = one.needsWords !== void 0 && one.needsWords.length > 0 && spanStartsText(one) && wordsStayInKey(one.context);
    return one;
  });
  return {
    rules: compiled,
    prefilters: [...prefilters.values()].map((prefilter, i) => compiled.some((r) => r.prefilter === i && r.window >= 0) ? prefilter : grouped(prefilter)),
    allowlist: compileAllowlist(options.allowlist),
    minConfidence
  };
}

// src/engine/next-word.ts
var NextWord = class {
  constructor(regex, text) {
    this.regex = regex;
    this.text = text;
  }
  regex;
  text;
  from = -1;
  /** Where the last search, from `from`, found its match; -1 for none up to the end of the text. */
  found = -1;
  /** Where that match ends. */
  end = -1;
  /** Start of the first match at or after `position`, or -1; `end` is then its end. */
  at(position) {
    if (this.from === -1 || position < this.from || this.found !== -1 && position > this.found) {
      this.regex.lastIndex = position;
      const m = this.regex.exec(this.text);
      this.from = position;
      this.found = m === null ? -1 : m.index;
      this.end = m === null ? -1 : m.index + m[0].length;
    }
    return this.found;
  }
};

// src/engine/offsets.ts
var OffsetMap = class {
  outStart = [];
  outEnd = [];
  srcStart = [];
  srcEnd = [];
  get empty() {
    return this.outStart.length === 0;
  }
  /** Record that source units [srcStart, srcEnd) became output units [outStart, outEnd); in order. */
  add(outStart, outEnd, srcStart, srcEnd) {
    this.outStart.push(outStart);
    this.outEnd.push(outEnd);
    this.srcStart.push(srcStart);
    this.srcEnd.push(srcEnd);
  }
  /** Index of the last piece starting at or before output unit `o`, or -1. */
  pieceAt(o) {
    let lo = 0;
    let hi = this.outStart.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = lo + hi >> 1;
      if (this.outStart[mid] <= o) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
  /** Source index of the unit that produced output unit `o`. */
  from(o) {
    const k = this.pieceAt(o);
    if (k === -1) return o;
    if (o < this.outEnd[k]) return this.srcStart[k];
    return this.srcEnd[k] + o - this.outEnd[k];
  }
  /** Source index just after the unit that produced output unit `o`. */
  to(o) {
    const k = this.pieceAt(o);
    if (k !== -1 && o < this.outEnd[k]) return this.srcEnd[k];
    return this.from(o) + 1;
  }
  /** The source span of the output span [start, end) (end > start). */
  span(start, end) {
    return [this.from(start), this.to(end - 1)];
  }
};

// src/engine/normalize.ts
var PERCENT = { "40": "@", "2b": "+", "2B": "+", "2e": ".", "2E": ".", "2d": "-", "2D": "-", "5f": "_", "5F": "_" };
var MAY_CHANGE = new Uint8Array(65536).fill(1);
MAY_CHANGE.fill(0, 32, 127);
MAY_CHANGE[10] = 0;
MAY_CHANGE[13] = 0;
MAY_CHANGE[38] = 1;
MAY_CHANGE[37] = 1;
MAY_CHANGE[92] = 1;
var UNUSUAL = /[^\n\r\u0020-\u0024\u0027-\u005B\u005D-\u007E]/g;
var isHigh = (c) => c >= 55296 && c <= 56319;
var isLow = (c) => c >= 56320 && c <= 57343;
function charLength(text, i) {
  return isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
}
function nextChange(text, from) {
  UNUSUAL.lastIndex = from;
  while (UNUSUAL.test(text)) {
    const i = UNUSUAL.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (MAY_CHANGE[c] !== 1) continue;
    if (c === 38) {
      if (reference(text, i) !== void 0) return i;
    } else if (c === 37) {
      if (PERCENT[text.slice(i + 1, i + 3)] !== void 0) return i;
    } else if (c === 92) {
      if (unicodeEscape(text, i) !== void 0) return i;
    } else {
      const ch = text.slice(i, i + charLength(text, i));
      if (normalChar(ch) !== ch) return i;
      UNUSUAL.lastIndex = i + ch.length;
    }
  }
  return -1;
}
var NAMED = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  commat: "@",
  period: ".",
  plus: "+",
  minus: "-",
  hyphen: "-",
  dash: "-",
  lowbar: "_",
  colon: ":",
  sol: "/",
  bsol: "\\",
  num: "#",
  lpar: "(",
  rpar: ")",
  comma: ",",
  equals: "=",
  excl: "!",
  quest: "?",
  dollar: "$",
  percnt: "%",
  ast: "*",
  semi: ";",
  lsqb: "[",
  rsqb: "]",
  lcub: "{",
  rcub: "}",
  verbar: "|",
  ndash: "-",
  mdash: "-",
  shy: "",
  zwsp: "",
  zwj: "",
  zwnj: "",
  ensp: " ",
  emsp: " ",
  thinsp: " "
};
var REMOVED = /^[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}\p{Cs}\p{Co}\p{Cn}]$/u;
var SPACE2 = /^[\p{Zs}\p{Zl}\p{Zp}\t\u0085\v\f\u2800]$/u;
var DASH = /^[\p{Pd}\u2212\u2043\uFE63\uFF0D]$/u;
var DIGIT2 = new RegExp("^\\p{Nd}$", "u");
function digitValue(cp) {
  let start = cp;
  while (cp - start < 100 && DIGIT2.test(String.fromCodePoint(start - 1))) start--;
  return String.fromCharCode(48 + (cp - start) % 10);
}
function mapOne(ch) {
  if (ch.length === 1 && ch.charCodeAt(0) < 128 && ch !== "	" && ch.charCodeAt(0) >= 32 && ch.charCodeAt(0) !== 127) return ch;
  if (SPACE2.test(ch)) return " ";
  if (REMOVED.test(ch)) return "";
  if (DASH.test(ch)) return "-";
  const cp = ch.codePointAt(0);
  return cp > 127 && DIGIT2.test(ch) ? digitValue(cp) : ch;
}
var cache = /* @__PURE__ */ new Map();
var CACHE_LIMIT = 65536;
function normalChar(ch) {
  const cp = ch.codePointAt(0);
  let out = cache.get(cp);
  if (out !== void 0) return out;
  const nfkc = ch.length === 1 && (isHigh(cp) || isLow(cp)) ? ch : ch.normalize("NFKC");
  out = nfkc === ch ? mapOne(ch) : [...nfkc].map((c) => mapOne(c)).join("");
  if (out === ch && cp <= 65535 && !isHigh(cp) && !isLow(cp)) MAY_CHANGE[cp] = 0;
  else if (cache.size < CACHE_LIMIT && !(ch.length === 1 && (isHigh(cp) || isLow(cp)))) cache.set(cp, out);
  return out;
}
function decodeAt(text, i) {
  const c = text.charCodeAt(i);
  if (c === 38) return reference(text, i) ?? ["&", 1];
  if (c === 37) return [PERCENT[text.slice(i + 1, i + 3)], 3];
  if (c === 92) return unicodeEscape(text, i) ?? ["\\", 1];
  const length = charLength(text, i);
  return [normalChar(text.slice(i, i + length)), length];
}
var HEX4 = /^[0-9a-fA-F]{4}$/;
function unicodeEscape(text, i) {
  if (text.charCodeAt(i + 1) !== 117) return void 0;
  const hex = text.slice(i + 2, i + 6);
  if (!HEX4.test(hex)) return void 0;
  const unit = Number.parseInt(hex, 16);
  if (isHigh(unit) && text.charCodeAt(i + 6) === 92 && text.charCodeAt(i + 7) === 117) {
    const low = text.slice(i + 8, i + 12);
    if (HEX4.test(low) && isLow(Number.parseInt(low, 16))) return [normalChar(String.fromCharCode(unit, Number.parseInt(low, 16))), 12];
  }
  return [normalChar(String.fromCharCode(unit)), 6];
}
function reference(text, i) {
  if (text.charCodeAt(i + 1) === 35) {
    const hex = text[i + 2] === "x" || text[i + 2] === "X";
    const digits = hex ? /^0{0,32}[0-9a-fA-F]{1,6}/.exec(text.slice(i + 3, i + 41)) : /^0{0,32}\d{1,7}/.exec(text.slice(i + 2, i + 41));
    if (digits === null) return void 0;
    const cp = Number.parseInt(digits[0], hex ? 16 : 10);
    if (cp === 0 || cp > 1114111 || cp >= 55296 && cp <= 57343) return void 0;
    let length = (hex ? 3 : 2) + digits[0].length;
    if (text.charCodeAt(i + length) === 59) length++;
    return [normalChar(String.fromCodePoint(cp)), length];
  }
  const named = /^[a-zA-Z]{2,8};/.exec(text.slice(i + 1, i + 11));
  const value = named === null ? void 0 : NAMED[named[0].slice(0, -1).toLowerCase()];
  return value === void 0 || named === null ? void 0 : [value, named[0].length + 1];
}
function run(text, map) {
  let out = "";
  let cursor = 0;
  for (let at = nextChange(text, 0); at !== -1; ) {
    const [piece, length] = decodeAt(text, at);
    if (piece.length === length && piece === text.slice(at, at + length)) {
      at = nextChange(text, at + length);
      continue;
    }
    out += text.slice(cursor, at);
    map?.add(out.length, out.length + piece.length, at, at + length);
    out += piece;
    cursor = at + length;
    at = nextChange(text, cursor);
  }
  return cursor === 0 ? text : out + text.slice(cursor);
}
function normalize(text) {
  const map = new OffsetMap();
  const out = run(text, map);
  return map.empty ? void 0 : { text: out, map };
}
function normalizedText(text) {
  return run(text, void 0);
}

// src/engine/trigger-hits.ts
var HIT_GAP = 32;
var MAX_RULE_HITS = 4096;
function addHit(out, start, end, rule) {
  const last = out.at(-1);
  if (last !== void 0 && last.rule === rule && start - last.end <= HIT_GAP && last.start - end <= HIT_GAP) {
    if (start < last.start) last.start = start;
    if (end > last.end) last.end = end;
  } else out.push({ start, end, rule });
}
function joinHit(hits, start, end) {
  const last = hits.at(-1);
  if (last !== void 0 && start - last[1] <= HIT_GAP) last[1] = Math.max(last[1], end);
  else if (hits.length <= MAX_RULE_HITS) hits.push([start, end]);
  return hits.length <= MAX_RULE_HITS;
}
function addRuleHits(triggers, rule, hits) {
  if (hits.length > MAX_RULE_HITS) triggers.everywhere.push(rule);
  else for (const [start, end] of hits) addHit(triggers.hits, start, end, rule);
}
function addKeywordHits(triggers, rule, hits) {
  if (hits.length > MAX_RULE_HITS) triggers.everywhere.push(rule);
  else for (const hit of hits) triggers.hits.push(hit);
}

// src/engine/types.ts
var SEVERITY_RANK = { low: 1, medium: 2, high: 3, critical: 4 };

// src/engine/detect.ts
var Lower = class {
  constructor(text) {
    this.text = text;
  }
  text;
  value;
  get() {
    this.value ??= this.text.toLowerCase();
    return this.value;
  }
};
function keywordsPresent(rule, text, lower) {
  if (rule.keywords === void 0) return true;
  const haystack = rule.keywordsIgnoreCase ? lower.get() : text;
  if (rule.keywordRegex !== void 0) {
    rule.keywordRegex.lastIndex = 0;
    return rule.keywordRegex.test(haystack);
  }
  return rule.keywords.some((keyword) => keyword.indexIn(haystack) !== -1);
}
function nextWord(context2, state, after) {
  const text = state.keyed ??= state.key + state.text;
  let pair = (state.words ??= /* @__PURE__ */ new Map()).get(context2.global);
  if (pair === void 0) {
    pair = [new NextWord(context2.global, text), new NextWord(context2.global, text)];
    state.words.set(context2.global, pair);
  }
  return pair[after ? 1 : 0];
}
function contextDelta(context2, state, start, end, withKey) {
  if (context2 === void 0) return 0;
  const { key } = state;
  const from = key.length + start;
  const before = nextWord(context2, state, false);
  const found = before.at(Math.max(withKey ? 0 : key.length, from - context2.window));
  if (found !== -1 && found < from && before.end <= from) return context2.delta;
  if (context2.after === 0) return 0;
  const to = key.length + end;
  const next = nextWord(context2, state, true);
  return next.at(to) !== -1 && next.end <= to + context2.after ? context2.delta : 0;
}
function allowed(allowlist, type, value) {
  const lower = value.toLowerCase();
  if (allowlist.values.has(lower)) return true;
  if (type === "EMAIL") {
    const domain = lower.slice(lower.lastIndexOf("@") + 1);
    if (allowlist.emailDomains.some((d) => domain === d || domain.endsWith(`.${d}`))) return true;
  }
  return allowlist.patterns.some((p) => p.whole(value));
}
function beats(a, b) {
  const bySeverity = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  if (bySeverity !== 0) return bySeverity > 0;
  if (a.confidence !== b.confidence) return a.confidence > b.confidence;
  return a.end - a.start > b.end - b.start;
}
function resolveOverlaps(matches, text) {
  if (matches.length < 2) return matches;
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept = [];
  for (const match of matches) {
    const last = kept.at(-1);
    if (last === void 0 || match.start >= last.end) {
      kept.push(match);
      continue;
    }
    const winner = beats(match, last) ? match : last;
    const end = Math.max(last.end, match.end);
    kept[kept.length - 1] = { ...winner, start: last.start, end, value: text.slice(last.start, end) };
  }
  return kept;
}
function hitsOf(prefilter, text, joined = false) {
  const hits = [];
  if (!(prefilter instanceof RegExp)) {
    for (const [start, end] of prefilter.matches(text, 0)) {
      if (!joined) hits.push([start, end]);
      else if (!joinHit(hits, start, end)) break;
    }
    return hits;
  }
  prefilter.lastIndex = 0;
  for (let m = prefilter.exec(text); m !== null; m = prefilter.exec(text)) {
    if (!joined) hits.push([m.index, m.index + m[0].length]);
    else if (!joinHit(hits, m.index, m.index + m[0].length)) break;
    if (m[0].length === 0) prefilter.lastIndex++;
  }
  return hits;
}
function windowsOf(hits, window, length) {
  const windows = [];
  for (const [start, end] of hits) {
    const from = Math.max(0, start - window);
    const to = Math.min(length, end + window);
    const last = windows.at(-1);
    if (last !== void 0 && from <= last[1]) last[1] = Math.max(last[1], to);
    else windows.push([from, to]);
  }
  return windows;
}
function* spansOf(rule, part) {
  const { regex } = rule;
  if (!(regex instanceof RegExp)) {
    for (const [, , start, end] of regex.matches(part, rule.group)) if (start >= 0 && end > start) yield [start, end];
    return;
  }
  regex.lastIndex = 0;
  for (let m = regex.exec(part); m !== null; m = regex.exec(part)) {
    if (m[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    const span = rule.group === 0 ? [m.index, m.index + m[0].length] : m.indices?.[rule.group];
    if (span !== void 0 && span[0] !== span[1]) yield [span[0], span[1]];
  }
}
function matchRule(rule, part, offset, state) {
  for (const [from, to] of spansOf(rule, part)) {
    state.tick?.();
    const start = offset + from;
    const end = offset + to;
    const value = state.text.slice(start, end);
    const needsWords = rule.needsWords !== void 0;
    if (!needsWords && rule.validator !== void 0 && !rule.validator(value)) continue;
    const confidence = rule.confidence + contextDelta(rule.context, state, start, end, true) + contextDelta(rule.negativeContext, state, start, end, false);
    if (confidence < state.ruleSet.minConfidence) continue;
    if (needsWords && rule.validator !== void 0 && !rule.validator(value)) continue;
    const match = {
      rule: rule.id,
      type: rule.type,
      category: rule.category,
      severity: rule.severity,
      confidence: Math.min(1, Math.round(confidence * 100) / 100),
      start,
      end,
      value
    };
    const { allowlist } = state.ruleSet;
    if (allowlist !== void 0 && allowed(allowlist, rule.type, value)) state.result.suppressed.push(match);
    else state.result.matches.push(match);
  }
}
var MAX_SPREAD_VALUES = 256;
var MAX_SPREAD_OCCURRENCES = 1e5;
function everyOccurrence(matches, text, tick) {
  if (matches.length === 0) return matches;
  const byValue = /* @__PURE__ */ new Map();
  for (const m of matches) if (!byValue.has(text.slice(m.start, m.end))) byValue.set(text.slice(m.start, m.end), m);
  if (byValue.size > MAX_SPREAD_VALUES) return matches;
  const taken = (start, end) => {
    let lo = 0;
    let hi = matches.length;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if (matches[mid].end <= start) lo = mid + 1;
      else hi = mid;
    }
    return lo < matches.length && matches[lo].start < end;
  };
  const extra = [];
  for (const [value, m] of byValue) {
    for (let i = text.indexOf(value); i !== -1; i = text.indexOf(value, i + 1)) {
      tick?.();
      if (taken(i, i + value.length)) continue;
      if (extra.length === MAX_SPREAD_OCCURRENCES) throw new RangeError(`more than ${MAX_SPREAD_OCCURRENCES} further occurrences of found values to mask`);
      extra.push({ ...m, start: i, end: i + value.length, value });
    }
  }
  return extra.length === 0 ? matches : resolveOverlaps([...matches, ...extra], text);
}
var wordFinders = /* @__PURE__ */ new WeakMap();
function wordFinderOf(context2) {
  let finder = wordFinders.get(context2.regex);
  if (finder === void 0) {
    try {
      finder = new WordFinder(context2.words);
    } catch (error) {
      if (!(error instanceof TooLarge)) throw error;
      finder = null;
    }
    wordFinders.set(context2.regex, finder);
  }
  return finder;
}
function wordsMayOccur(context2, line) {
  if (joinsKeyAndValue(context2.words)) return true;
  const finder = wordFinderOf(context2);
  if (finder !== null) return finder.occursIn(line);
  return context2.regex.test(line) || context2.regex.test(wordsOf(line));
}
var keyContexts = /* @__PURE__ */ new Map();
var KEY_CONTEXTS = 4096;
function keyContext(name) {
  let context2 = keyContexts.get(name);
  if (context2 === void 0) {
    if (keyContexts.size >= KEY_CONTEXTS) keyContexts.clear();
    keyContexts.set(name, context2 = `${wordsOf(normalizedText(name))}: `);
  }
  return context2;
}
var keyWords = /* @__PURE__ */ new Map();
function wordsInKey(context2, key) {
  if (key === "") return false;
  let byKey = keyWords.get(context2.regex);
  if (byKey === void 0) keyWords.set(context2.regex, byKey = /* @__PURE__ */ new Map());
  let found = byKey.get(key);
  if (found === void 0) {
    if (byKey.size >= KEY_CONTEXTS) byKey.clear();
    const finder = wordFinderOf(context2);
    const text = keyContext(key);
    byKey.set(key, found = finder === null ? context2.regex.test(text) : finder.occursIn(text));
  }
  return found;
}
function rulesForKey(rules, key) {
  let kept;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    const drop = rule.keyWordsOnly && !wordsInKey(rule.context, key);
    if (drop) kept ??= rules.slice(0, i);
    else kept?.push(rule);
  }
  return kept ?? rules;
}
function mapBack(matches, map) {
  return matches.map((m) => {
    const [start, end] = map.span(m.start, m.end);
    return { ...m, start, end };
  });
}
function scan(text, ruleSet, options = {}) {
  if (text.length === 0) return { matches: [], suppressed: [] };
  const normal = options.normal === true ? void 0 : normalize(text);
  const scanned = normal?.text ?? text;
  const key = options.key === void 0 || options.key === "" ? "" : keyContext(options.key);
  const state = { text: scanned, lower: new Lower(scanned), key, ruleSet, result: { matches: [], suppressed: [] }, tick: options.tick };
  const hits = [];
  let seen;
  const wordsIn = (context2) => {
    let found = (seen ??= /* @__PURE__ */ new Map()).get(context2.regex);
    if (found === void 0) {
      const keyed = state.keyed ??= key + scanned;
      const finder = wordFinderOf(context2);
      seen.set(context2.regex, found = finder === null ? context2.regex.test(keyed) : finder.occursIn(keyed));
    }
    return found;
  };
  for (const rule of options.rules ?? ruleSet.rules) {
    if (rule.keyWordsOnly && !wordsInKey(rule.context, options.key ?? "")) continue;
    if (!keywordsPresent(rule, scanned, state.lower)) continue;
    if (rule.needsWords !== void 0 && (rule.needsWords.length === 0 || rule.context === void 0 || !rule.anchored && !wordsIn(rule.context))) continue;
    if (rule.prefilter === -1) {
      matchRule(rule, scanned, 0, state);
      continue;
    }
    const ruleHits = hits[rule.prefilter] ??= hitsOf(ruleSet.prefilters[rule.prefilter], scanned);
    if (ruleHits.length === 0) continue;
    if (rule.window < 0) matchRule(rule, scanned, 0, state);
    else for (const [from, to] of windowsOf(ruleHits, rule.window, scanned.length)) matchRule(rule, scanned.slice(from, to), from, state);
  }
  const matches = everyOccurrence(resolveOverlaps(state.result.matches, scanned), scanned, options.tick);
  if (normal === void 0) return { matches, suppressed: state.result.suppressed };
  return { matches: mapBack(matches, normal.map), suppressed: mapBack(state.result.suppressed, normal.map) };
}
function detect(text, ruleSet, options) {
  return scan(text, ruleSet, options).matches;
}
var wordsOf = (name) => name.replaceAll(/([a-z])([A-Z])/g, "$1 $2");
function keywordHits(rule, text, lower, out) {
  const haystack = rule.keywordsIgnoreCase ? lower.get() : text;
  const regex = rule.keywordRegex;
  if (regex === void 0) {
    for (const keyword of rule.keywords ?? []) {
      for (let i = keyword.indexIn(haystack); i !== -1 && out.length <= MAX_RULE_HITS; i = keyword.indexIn(haystack, i + 1))
        addHit(out, i, i + keyword.text.length, rule);
    }
    return;
  }
  regex.lastIndex = 0;
  for (let m = regex.exec(haystack); m !== null && out.length <= MAX_RULE_HITS; m = regex.exec(haystack)) {
    addHit(out, m.index, m.index + m[0].length, rule);
    regex.lastIndex = m.index + 1;
  }
}
function triggersByPasses(text, ruleSet) {
  const lower = new Lower(text);
  const positional = () => lower.get().length === text.length;
  const hitsByPrefilter = [];
  const triggers = { everywhere: [], hits: [] };
  const seen = /* @__PURE__ */ new Map();
  const wordsIn = (context2) => {
    let found = seen.get(context2.regex);
    if (found === void 0) seen.set(context2.regex, found = wordsMayOccur(context2, text));
    return found;
  };
  const wordsFound = (rule) => rule.needsWords === void 0 || rule.needsWords.length > 0 && rule.context !== void 0 && wordsIn(rule.context);
  for (const rule of ruleSet.rules) {
    if (rule.trigger === "keywords" && (!rule.keywordsIgnoreCase || positional())) {
      const hits = [];
      keywordHits(rule, text, lower, hits);
      if (hits.length > 0 && wordsFound(rule)) addKeywordHits(triggers, rule, hits);
    } else if (rule.trigger === "prefilter") {
      const hits = hitsByPrefilter[rule.prefilter] ??= hitsOf(ruleSet.prefilters[rule.prefilter], text, true);
      if (hits.length > 0 && wordsFound(rule)) addRuleHits(triggers, rule, hits);
    } else if (wordsFound(rule)) triggers.everywhere.push(rule);
  }
  triggers.hits.sort((a, b) => a.start - b.start);
  return triggers;
}

// src/engine/automaton/regex-syntax.ts
var Unsupported = class extends Error {
};
var MAX_COUNT = 16;
var ESCAPE_SETS = { d: DIGIT, D: negate(DIGIT), w: WORD, W: negate(WORD), s: SPACE, S: negate(SPACE) };
var CONTROL = { t: 9, n: 10, v: 11, f: 12, r: 13 };
var Parser3 = class {
  constructor(source, ignoreCase, dotAll) {
    this.source = source;
    this.ignoreCase = ignoreCase;
    this.dotAll = dotAll;
  }
  source;
  ignoreCase;
  dotAll;
  i = 0;
  parse() {
    const node = this.alternation();
    if (this.i < this.source.length) throw new Unsupported(`unexpected "${this.source[this.i]}" at ${this.i}`);
    return node;
  }
  peek(offset = 0) {
    return this.source[this.i + offset] ?? "";
  }
  alternation() {
    const items = [this.sequence()];
    while (this.peek() === "|") {
      this.i++;
      items.push(this.sequence());
    }
    return items.length === 1 ? items[0] : { kind: "alt", items };
  }
  sequence() {
    const items = [];
    while (this.i < this.source.length && this.peek() !== "|" && this.peek() !== ")") items.push(this.quantified(this.atom()));
    return { kind: "seq", items };
  }
  quantified(item) {
    let min;
    let max;
    const c = this.peek();
    if (c === "*" || c === "+" || c === "?") {
      this.i++;
      [min, max] = c === "*" ? [0, Infinity] : c === "+" ? [1, Infinity] : [0, 1];
    } else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.i));
      if (m === null) throw new Unsupported(`a "{" that is not a count at ${this.i}`);
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] === void 0 ? min : m[3] === "" ? Infinity : Number(m[3]);
      if (max < min) throw new Unsupported("a count out of order");
    } else return item;
    if (this.peek() === "?") this.i++;
    if (this.peek() === "*" || this.peek() === "+" || this.peek() === "?" || this.peek() === "{") throw new Unsupported("a repeated quantifier");
    return { kind: "rep", item, min: Math.min(min, MAX_COUNT), max: max > MAX_COUNT ? Infinity : max };
  }
  set(set) {
    return { kind: "set", set: this.ignoreCase ? regexFolding.closure(set) : set };
  }
  atom() {
    const c = this.peek();
    this.i++;
    switch (c) {
      case "(": {
        if (this.peek() === "?") {
          if (this.peek(1) === ":") this.i += 2;
          else if (this.peek(1) === "<" && /[\p{L}$_]/u.test(this.peek(2))) this.i = this.source.indexOf(">", this.i) + 1;
          else throw new Unsupported("a lookaround");
        }
        const inner = this.alternation();
        if (this.peek() !== ")") throw new Unsupported("an unclosed group");
        this.i++;
        return inner;
      }
      case "[": {
        return this.set(this.charClass());
      }
      case ".": {
        return this.set(this.dotAll ? ANY : NOT_LINE_END);
      }
      case "\\": {
        return this.set(this.escape(false));
      }
      case "^":
      case "$": {
        throw new Unsupported("an anchor");
      }
      case ")":
      case "*":
      case "+":
      case "?":
      case "{":
      case "": {
        throw new Unsupported(`unexpected "${c}"`);
      }
      default: {
        return this.set(charOf(c.charCodeAt(0)));
      }
    }
  }
  /** After a backslash: the set it stands for. Inside a class, `\b` is a backspace. */
  escape(inClass) {
    const c = this.peek();
    this.i++;
    if (c in ESCAPE_SETS) return ESCAPE_SETS[c];
    if (c in CONTROL) return charOf(CONTROL[c]);
    if (c === "b" && inClass) return charOf(8);
    if (c === "0" && !/\d/.test(this.peek())) return charOf(0);
    if (c === "x" || c === "u") {
      const length = c === "x" ? 2 : 4;
      const hex = this.source.slice(this.i, this.i + length);
      if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(hex)) throw new Unsupported(`"\\${c}" without its digits`);
      this.i += length;
      return charOf(Number.parseInt(hex, 16));
    }
    if (/[\dbBkcpP]/.test(c) || c === "") throw new Unsupported(`"\\${c}"`);
    return charOf(c.charCodeAt(0));
  }
  charClass() {
    const negated = this.peek() === "^";
    if (negated) this.i++;
    const parts = [];
    while (this.peek() !== "]") {
      if (this.i >= this.source.length) throw new Unsupported("an unclosed class");
      const from = this.classAtom();
      if (this.peek() === "-" && this.peek(1) !== "]" && this.peek(1) !== "") {
        this.i++;
        const to = this.classAtom();
        if (from.length !== 2 || to.length !== 2 || from[0] !== from[1] || to[0] !== to[1]) throw new Unsupported("a range of classes");
        if (to[0] < from[0]) throw new Unsupported("a range out of order");
        parts.push([from[0], to[0]]);
      } else parts.push(from);
    }
    this.i++;
    const members = union(...parts);
    const folded = this.ignoreCase ? regexFolding.closure(members) : members;
    return negated ? negate(folded) : folded;
  }
  classAtom() {
    const c = this.peek();
    this.i++;
    return c === "\\" ? this.escape(true) : charOf(c.charCodeAt(0));
  }
};
function parseRegex(source, flags) {
  if (/[uvy]/.test(flags)) throw new Unsupported(`the flags "${flags}"`);
  return new Parser3(source, flags.includes("i"), flags.includes("s")).parse();
}
function literal(text, units) {
  return { kind: "seq", items: [...text].flatMap((ch) => [...Array.from({ length: ch.length }, (_, k) => ({ kind: "set", set: units(ch.charCodeAt(k)) }))]) };
}

// src/engine/triggers.ts
var PREFILTER = 0;
var KEYWORD = 1;
var WORD2 = 2;
var NO_WORDS = -1;
var NEVER = -2;
var OWN_SEARCH = -3;
var TriggerScanner = class {
  /** Undefined when the patterns need too large a table (a config's words): every trigger keeps its own search. */
  matcher;
  patterns = [];
  /** Word lists found in every text (see the constructor). */
  alwaysFound = [];
  /** Per prefilter: searched by the automaton. */
  prefilterIn;
  /** Per rule (index in the rule set): its keywords are searched by the automaton. */
  keywordsIn;
  /** Context regexes searched by the automaton, and their list numbers. */
  lists = /* @__PURE__ */ new Map();
  /** Per rule: the words it needs, as `NO_WORDS`, `NEVER`, a list number, or `OWN_SEARCH`. */
  words = [];
  constructor(ruleSet) {
    const nodes = [];
    this.prefilterIn = ruleSet.prefilters.map((prefilter, index) => {
      if (!(prefilter instanceof RegExp) || new RegExp(prefilter.source, prefilter.flags.replace("g", "")).test("")) return false;
      try {
        nodes.push(parseRegex(prefilter.source, prefilter.flags));
      } catch (error) {
        if (error instanceof Unsupported) return false;
        throw error;
      }
      this.patterns.push({ kind: PREFILTER, prefilter: index });
      return true;
    });
    this.keywordsIn = ruleSet.rules.map((rule, index) => {
      const keywords = rule.keywords ?? [];
      if (rule.trigger !== "keywords" || rule.keywordsIgnoreCase && keywords.some((k) => [...k.text].some((ch) => ch.charCodeAt(0) > 127))) return false;
      for (const keyword of keywords) {
        nodes.push(literal(keyword.text, rule.keywordsIgnoreCase ? (u) => lowerFolding.of(u) : charOf));
        this.patterns.push({ kind: KEYWORD, rule: index, length: keyword.text.length, compiled: rule });
      }
      return true;
    });
    for (const rule of ruleSet.rules) {
      const context2 = rule.context;
      if (rule.needsWords === void 0 || context2 === void 0 || this.lists.has(context2.regex)) continue;
      const list = this.lists.size;
      this.lists.set(context2.regex, list);
      if (joinsKeyAndValue(context2.words)) {
        this.alwaysFound.push(list);
        continue;
      }
      for (const word of context2.words) {
        nodes.push(wordPattern(word));
        this.patterns.push({ kind: WORD2, list, shape: wordShape(word) });
      }
    }
    try {
      this.matcher = new MultiMatcher(nodes);
    } catch (error) {
      if (!(error instanceof TooLarge)) throw error;
      this.matcher = void 0;
      this.prefilterIn.fill(false);
      this.keywordsIn.fill(false);
      this.lists.clear();
    }
    for (const rule of ruleSet.rules) {
      if (rule.needsWords === void 0) this.words.push(NO_WORDS);
      else if (rule.needsWords.length === 0 || rule.context === void 0) this.words.push(NEVER);
      else this.words.push(this.lists.get(rule.context.regex) ?? OWN_SEARCH);
    }
  }
  /** What the automaton finds in `text`, or undefined when it gave up (see `Budget`). */
  run(text) {
    const found = { prefilterHits: [], keywordHits: [], lists: new Uint8Array(this.lists.size) };
    for (const list of this.alwaysFound) found.lists[list] = 1;
    if (this.matcher === void 0) return found;
    const read = (n2) => this.read(text, n2, found);
    const n = this.matcher.run(text, read);
    if (n < 0) return void 0;
    read(n);
    return found;
  }
  /** Takes the automaton's first `n` accepting positions into `found`. */
  read(text, n, found) {
    const { ends, endPatterns } = this.matcher;
    for (let k = 0; k < n; k++) {
      const end = ends[k];
      for (const id of endPatterns[k]) {
        const pattern = this.patterns[id];
        if (pattern.kind === PREFILTER) {
          joinHit(found.prefilterHits[pattern.prefilter] ??= [], end - 1, end);
        } else if (pattern.kind === KEYWORD) {
          const hits = found.keywordHits[pattern.rule] ??= [];
          if (hits.length <= MAX_RULE_HITS) addHit(hits, end - pattern.length, end, pattern.compiled);
        } else if (found.lists[pattern.list] === 0 && wordAt(text, end, pattern.shape)) found.lists[pattern.list] = 1;
      }
    }
  }
};
var scanners = /* @__PURE__ */ new WeakMap();
function scannerOf(ruleSet) {
  let scanner = scanners.get(ruleSet);
  if (scanner === void 0) scanners.set(ruleSet, scanner = new TriggerScanner(ruleSet));
  return scanner;
}
function triggersIn(text, ruleSet) {
  const scanner = scannerOf(ruleSet);
  const found = scanner.run(text);
  if (found === void 0) return triggersByPasses(text, ruleSet);
  const positional = !text.includes("\u0130");
  let lower;
  const triggers = { everywhere: [], hits: [] };
  let hitsByPrefilter;
  const wordsFound = (rule, words) => {
    if (words >= 0) return found.lists[words] === 1;
    if (words !== OWN_SEARCH) return words === NO_WORDS;
    return wordsMayOccur(rule.context, text);
  };
  const { rules } = ruleSet;
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index];
    const words = scanner.words[index];
    if (words === NEVER) continue;
    if (rule.trigger === "keywords" && (!rule.keywordsIgnoreCase || positional)) {
      let hits = scanner.keywordsIn[index] === true ? found.keywordHits[index] : void 0;
      if (scanner.keywordsIn[index] !== true) keywordHits(rule, text, lower ??= new Lower(text), hits = []);
      if (hits !== void 0 && hits.length > 0 && wordsFound(rule, words)) addKeywordHits(triggers, rule, hits);
    } else if (rule.trigger === "prefilter") {
      const hits = scanner.prefilterIn[rule.prefilter] === true ? found.prefilterHits[rule.prefilter] : (hitsByPrefilter ??= [])[rule.prefilter] ??= hitsOf(ruleSet.prefilters[rule.prefilter], text, true);
      if (hits !== void 0 && hits.length > 0 && wordsFound(rule, words)) addRuleHits(triggers, rule, hits);
    } else if (wordsFound(rule, words)) triggers.everywhere.push(rule);
  }
  if (triggers.hits.length > 1) triggers.hits.sort((a, b) => a.start - b.start);
  return triggers;
}

// src/engine/redact.ts
function maskEmail(value) {
  const at = value.lastIndexOf("@");
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  const dot = domain.lastIndexOf(".");
  return `${local.slice(0, 1)}***@${domain.slice(0, 1)}***${domain.slice(dot)}`;
}
function maskDigits(value, keep) {
  const total = value.replaceAll(/\D/g, "").length;
  let seen = 0;
  let out = "";
  for (const ch of value) {
    if (ch >= "0" && ch <= "9") {
      seen++;
      out += seen > total - keep ? ch : "*";
    } else {
      out += ch;
    }
  }
  return out;
}
function maskSecret(value) {
  const prefix = /^(?:AKIA|ASIA|ABIA|ACCA|eyJ|SG\.|-----BEGIN [A-Z ]*PRIVATE KEY-----|[A-Za-z]{2,10}(?:_(?:live|test))?[-_])/.exec(value)?.[0] ?? "";
  return prefix + "*".repeat(Math.min(8, Math.max(3, value.length - prefix.length)));
}
function mask(value, type) {
  switch (type) {
    case "EMAIL": {
      return maskEmail(value);
    }
    case "PHONE": {
      return maskDigits(value, 2);
    }
    case "CREDIT_CARD": {
      return maskDigits(value, 4);
    }
    case "US_SSN": {
      return maskDigits(value, 0);
    }
    case "IBAN": {
      return value.slice(0, 2) + value.slice(2).replaceAll(/[A-Za-z0-9]/g, "*");
    }
    default: {
      return maskSecret(value);
    }
  }
}
var replaceWithType = (_value, type) => `<${type}>`;
var removeValue = () => "";
function redactText(text, matches, redactor = mask) {
  if (matches.length === 0) return text;
  let out = "";
  let cursor = 0;
  for (const match of matches) {
    out += text.slice(cursor, match.start) + redactor(match.value, match.type);
    cursor = match.end;
  }
  return out + text.slice(cursor);
}

// src/engine/stats.ts
var GAMMA = 1.02;
var LOG_GAMMA = Math.log(GAMMA);

// src/io/jsonl.ts
function describeJsonError(error) {
  const message = error instanceof Error ? error.message : String(error);
  const withoutSnippet = message.replace(/,\s*".*$/s, "").replace(/\s+(?:in JSON )?at position (\d+).*$/s, (_, pos) => ` at column ${Number(pos) + 1}`);
  const quote = withoutSnippet.indexOf('"');
  return (quote === -1 ? withoutSnippet : withoutSnippet.slice(0, quote)).trim() || "invalid JSON";
}
function parseJsonLine(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: describeJsonError(error) };
  }
}

// src/monitor/analyze.ts
import { createHmac } from "node:crypto";

// src/monitor/fingerprint.ts
import { createHash as createHash2 } from "node:crypto";
var CONTEXT = 24;
function maskedContexts(text, matches) {
  let masked = "";
  let cursor = 0;
  const spans = [];
  for (const m of matches) {
    masked += text.slice(cursor, m.start);
    const start = masked.length;
    masked += mask(m.value, m.type);
    spans.push([start, masked.length]);
    cursor = m.end;
  }
  masked += text.slice(cursor);
  return spans.map(([start, end]) => masked.slice(Math.max(0, start - CONTEXT), end + CONTEXT));
}
var sha256 = (text) => createHash2("sha256").update(text).digest("hex");
function hashText(text) {
  return sha256(text).slice(0, 16);
}
function fingerprintOf(parts) {
  return sha256(["llmops/v1", parts.rule, parts.file, parts.record, parts.field, parts.context].join("\0")).slice(0, 32);
}

// src/monitor/json-tokens.ts
var WHITESPACE = /* @__PURE__ */ new Set([32, 9, 10, 13]);
function closingQuote(line, from) {
  let i = line.indexOf('"', from);
  while (i !== -1) {
    let backslashes = 0;
    for (let k = i - 1; k >= from && line.charCodeAt(k) === 92; k--) backslashes++;
    if (backslashes % 2 === 0) return i;
    i = line.indexOf('"', i + 1);
  }
  return line.length;
}
function numberEnd(line, from) {
  let i = from;
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (!(c >= 48 && c <= 57 || c === 45 || c === 43 || c === 46 || c === 101 || c === 69)) break;
  }
  return i;
}
function walkJson(line, visit) {
  const frames = [];
  let expectKey = false;
  let i = 0;
  let slash = line.indexOf("\\");
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (WHITESPACE.has(c) || c === 58) {
      i++;
    } else if (c === 123 || c === 91) {
      frames.push({ array: c === 91, key: "", shown: "", index: 0, outerKey: ownKey(frames) });
      expectKey = c === 123;
      i++;
    } else if (c === 125 || c === 93) {
      frames.pop();
      expectKey = false;
      i++;
    } else if (c === 44) {
      const top = frames.at(-1);
      if (top?.array) top.index++;
      expectKey = top !== void 0 && !top.array;
      i++;
    } else if (c === 34) {
      const end = closingQuote(line, i + 1);
      if (slash !== -1 && slash <= i) slash = line.indexOf("\\", i + 1);
      const escaped = slash !== -1 && slash < end;
      const token = { kind: expectKey ? "key" : "string", start: i + 1, end, escaped };
      if (expectKey) {
        const top = frames.at(-1);
        top.key = escaped ? JSON.parse(line.slice(i, end + 1)) : line.slice(i + 1, end);
        top.shown = top.key;
        expectKey = false;
      }
      visit(token, frames);
      i = end + 1;
    } else if (c === 45 || c >= 48 && c <= 57) {
      const end = numberEnd(line, i);
      visit({ kind: "number", start: i, end, escaped: false }, frames);
      i = end;
    } else {
      i++;
    }
  }
}
var LABEL_EDGE = 16;
function step(frame, first) {
  return frame.array ? `[${frame.index}]` : first ? frame.shown : `.${frame.shown}`;
}
function fieldLabel(frames, isKey) {
  let out = "";
  const last = isKey ? frames.length - 1 : frames.length;
  for (let k = 0; k < last; k++) {
    if (last > 2 * LABEL_EDGE && k === LABEL_EDGE) {
      out += `\u2026(${last - 2 * LABEL_EDGE} levels)\u2026`;
      k = last - LABEL_EDGE - 1;
      continue;
    }
    out += step(frames[k], out === "");
  }
  return isKey ? out === "" ? "{key}" : `${out}.{key}` : out;
}
function pathOf(frames) {
  return frames.map((f) => f.array ? f.index : f.key);
}
function parentKey(frames) {
  return frames.length < 2 ? "" : ownKey(frames.slice(0, -1));
}
function ownKey(frames) {
  const top = frames.at(-1);
  if (top === void 0) return "";
  return top.array ? top.outerKey : top.key;
}
function numberReading(raw) {
  const exact = numberText(raw);
  const parsed = Math.abs(Number(raw));
  if (!Number.isFinite(parsed) || parsed >= 1e21) return exact;
  const read = String(parsed);
  return read === exact ? exact : `${exact} ${read}`;
}
var MAX_NUMBER_DIGITS = 400;
function numberText(raw) {
  const m = /^-?(\d+)(?:\.(\d+))?(?:[eE]([-+]?\d+))?$/.exec(raw);
  if (m === null) return raw.replace(/^-/, "");
  const [, int, frac = "", exp] = m;
  if (exp === void 0 && !/0$/.test(frac)) return raw.replace(/^-/, "").replace(/\.$/, "");
  const all = int + frac;
  const lead = /^0*/.exec(all)?.[0].length ?? 0;
  const digits = all.slice(lead).replace(/0+$/, "");
  if (digits === "") return "0";
  const shift = exp === void 0 ? 0 : Number(exp);
  const point = int.length - lead + shift;
  if (!Number.isSafeInteger(shift) || point > MAX_NUMBER_DIGITS || point < -MAX_NUMBER_DIGITS) return raw.replace(/^-/, "");
  if (point <= 0) return `0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + "0".repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}
var SIMPLE = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "	" };
function decodeEscapes(raw) {
  const map = new OffsetMap();
  let text = "";
  let i = 0;
  for (let slash = raw.indexOf("\\"); slash !== -1; slash = raw.indexOf("\\", i)) {
    text += raw.slice(i, slash);
    const next = raw[slash + 1] ?? "";
    let piece;
    if (next === "u" && /^[0-9a-fA-F]{4}$/.test(raw.slice(slash + 2, slash + 6))) {
      piece = String.fromCharCode(Number.parseInt(raw.slice(slash + 2, slash + 6), 16));
      i = slash + 6;
    } else {
      piece = SIMPLE[next] ?? next;
      i = slash + (next === "" ? 1 : 2);
    }
    map.add(text.length, text.length + piece.length, slash, i);
    text += piece;
  }
  return { text: text + raw.slice(i), map };
}
function looseParts(line) {
  const parts = [];
  let start = 0;
  for (let quote = closingQuote(line, 0); quote < line.length; quote = closingQuote(line, start)) {
    if (quote > start) parts.push([start, quote]);
    start = quote + 1;
  }
  if (start < line.length) parts.push([start, line.length]);
  return parts;
}

// src/monitor/line-triggers.ts
function lineTriggers(line, ruleSet) {
  const escapes = line.includes("\\") ? decodeEscapes(line) : void 0;
  const decoded = escapes?.text ?? line;
  const normal = normalize(decoded);
  const { everywhere, hits } = triggersIn(normal?.text ?? decoded, ruleSet);
  if (hits.length === 0 && everywhere.length === 0) return void 0;
  for (const hit of hits) {
    let { start } = hit;
    let last = hit.end - 1;
    if (normal !== void 0) {
      start = normal.map.from(start);
      last = normal.map.to(last) - 1;
    }
    if (escapes !== void 0) {
      start = escapes.map.from(start);
      last = escapes.map.to(last) - 1;
    }
    hit.start = start;
    hit.end = last + 1;
  }
  return { everywhere, hits, normal: normal === void 0 };
}
var TriggerCursor = class {
  constructor(triggers, ruleSet) {
    this.triggers = triggers;
    this.ruleSet = ruleSet;
  }
  triggers;
  ruleSet;
  next = 0;
  active = [];
  /** The rules to scan in the raw span [start, end) (spans must come in increasing order). */
  rulesFor(start, end) {
    const { hits, everywhere } = this.triggers;
    const active = this.active;
    while (this.next < hits.length && hits[this.next].start < end) active.push(hits[this.next++]);
    let kept = 0;
    for (let i = 0; i < active.length; i++) if (active[i].end > start) active[kept++] = active[i];
    active.length = kept;
    if (kept === 0) return everywhere;
    const rules = [...everywhere];
    for (const h of active) if (!rules.includes(h.rule)) rules.push(h.rule);
    if (rules.length > 1) {
      const order = orderOf(this.ruleSet);
      rules.sort((a, b) => order.get(a) - order.get(b));
    }
    return rules;
  }
};
var orders = /* @__PURE__ */ new WeakMap();
function orderOf(ruleSet) {
  let order = orders.get(ruleSet);
  if (order === void 0) orders.set(ruleSet, order = new Map(ruleSet.rules.map((rule, i) => [rule, i])));
  return order;
}

// src/monitor/fields.ts
var isSet = (value) => value !== void 0 && value !== null && value !== false && value !== "" && value !== 0;
function firstScalar(record, names) {
  for (const name of names) {
    const value = record[name];
    if (typeof value === "string" && value !== "") return value;
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
  }
  return null;
}
var MAX_LATENCY_MS = 864e5;
function latencyOf(record, names) {
  for (const name of names) {
    const value = record[name];
    const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
    if (Number.isFinite(n) && n >= 0 && n <= MAX_LATENCY_MS) return n;
  }
  return null;
}
var CANONICAL_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
var ISO = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?)(Z|[+-]\d\d:?\d\d)?$/i;
function parseIso(value) {
  const m = ISO.exec(value.trim());
  if (m === null) return Number.NaN;
  return Date.parse(`${m[1]}T${m[2]}${m[3] ?? "Z"}`);
}
function timestampOf(record, names) {
  for (const name of names) {
    const value = record[name];
    if (typeof value === "string" && CANONICAL_UTC.test(value) && Number.isFinite(Date.parse(value))) return value;
    const ms = timeMs(value);
    if (Number.isFinite(ms)) return new Date(ms).toISOString();
  }
  return null;
}
function timeMs(value) {
  const ms = typeof value === "number" ? value < 1e11 ? value * 1e3 : value : typeof value === "string" ? parseIso(value) : Number.NaN;
  return Number.isFinite(ms) && Math.abs(ms) <= 864e13 ? ms : Number.NaN;
}
function functionalErrors(record, config) {
  const { responseField, queryField, errorFields } = config;
  const errors = [];
  if (responseField !== null) {
    const response = record[responseField];
    if (response === null) errors.push("null_response");
    else if (response === void 0) errors.push("missing_response");
    else if (typeof response === "string" && response.trim() === "") errors.push("empty_response");
  }
  if (queryField !== null && (record[queryField] === void 0 || record[queryField] === null)) errors.push("missing_query");
  if (errorFields.some((name) => isSet(record[name]))) errors.push("error_field");
  return errors;
}

// src/config/log-shapes.ts
var SCHEMAS = ["auto", "flat", "openai-chat", "openai-responses", "otel-genai", "langfuse", "langsmith"];

// src/monitor/shapes/facts.ts
var MAX_TOKENS = 99999999;
var isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
var Facts = class {
  constructor(schema, marker) {
    this.schema = schema;
    this.marker = marker;
  }
  schema;
  marker;
  text = {};
  count = {};
  duration = {};
  /** The record's own time, in milliseconds since the epoch. */
  time;
  /** The shape marks the interaction as failed (a span's error status, an error level...). */
  failed = false;
  /** The shape holds a response, and it has no content at all. */
  empty = false;
  /** OTLP: how many GenAI spans the line holds (the facts are the first one's). */
  spans;
  /** Where each fact was read: a path, never a value. */
  from = {};
  /**
   * A non-blank string. Numbers are not taken: a number is printed as JSON.parse reads it, which
   * can differ from what was scanned; the config's `idFields` read numeric ids with that care.
   */
  setText(name, value, path) {
    if (this.text[name] !== void 0) return true;
    if (typeof value !== "string" || value.trim() === "") return false;
    this.text[name] = value;
    this.from[name] = path;
    return true;
  }
  /**
   * A whole number of tokens, from 0 to MAX_TOKENS; OTLP writes 64-bit integers as decimal
   * strings. Larger numbers are something else (an id, a card or phone number) and are not printed.
   */
  setCount(name, value, path) {
    if (this.count[name] !== void 0) return true;
    const n = typeof value === "number" ? value : typeof value === "string" && /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isInteger(n) || n < 0 || n > MAX_TOKENS) return false;
    this.count[name] = n;
    this.from[name] = path;
    return true;
  }
  /** Milliseconds between 0 and a day (see MAX_LATENCY_MS); anything else is not a duration. */
  setDuration(name, ms, path) {
    if (this.duration[name] !== void 0) return true;
    if (!Number.isFinite(ms) || ms < 0 || ms > MAX_LATENCY_MS) return false;
    this.duration[name] = Math.round(ms * 1e3) / 1e3;
    this.from[name] = path;
    return true;
  }
  /** The duration between two time values (ISO strings, epoch seconds or milliseconds). */
  setBetween(name, start, end, path) {
    return this.setDuration(name, timeMs(end) - timeMs(start), path);
  }
  /** A duration written in seconds. */
  setSeconds(name, value, path) {
    return typeof value === "number" && this.setDuration(name, value * 1e3, path);
  }
  /** A time value as `timestampOf` reads it: ISO (no zone means UTC), epoch seconds or milliseconds. */
  setTimeOf(value, path) {
    return this.setTime(timeMs(value), path);
  }
  setTime(ms, path) {
    if (this.time !== void 0) return true;
    if (!Number.isFinite(ms) || Math.abs(ms) > 864e13) return false;
    this.time = ms;
    this.from.timestamp_utc = path;
    return true;
  }
  fail(path) {
    this.failed = true;
    this.from.error ??= path;
  }
};
var obj = (value) => isObject(value) ? value : void 0;
var arr = (value) => Array.isArray(value) ? value : [];
var hasText = (value) => typeof value === "string" && value.trim() !== "";

// src/monitor/shapes/langfuse.ts
var INGESTION_EVENT = /^(?:trace|generation|span|event|observation)-(?:create|update)$/;
function readObservation(o, at, facts) {
  facts.setText("interaction_id", o.traceId, `${at}traceId`);
  facts.setBetween("latency_ms", o.startTime, o.endTime, `${at}endTime - ${at}startTime`);
  facts.setSeconds("latency_ms", o.latency, `${at}latency`);
  facts.setBetween("ttft_ms", o.startTime, o.completionStartTime, `${at}completionStartTime - ${at}startTime`);
  facts.setSeconds("ttft_ms", o.timeToFirstToken, `${at}timeToFirstToken`);
  facts.setText("model", o.model, `${at}model`);
  facts.setText("model_version", o.version, `${at}version`);
  const details = obj(o.usageDetails);
  const usage = obj(o.usage);
  facts.setCount("tokens_in", details?.input, `${at}usageDetails.input`);
  facts.setCount("tokens_in", usage?.input, `${at}usage.input`);
  facts.setCount("tokens_in", o.promptTokens, `${at}promptTokens`);
  facts.setCount("tokens_out", details?.output, `${at}usageDetails.output`);
  facts.setCount("tokens_out", usage?.output, `${at}usage.output`);
  facts.setCount("tokens_out", o.completionTokens, `${at}completionTokens`);
}
var isObservation = (o) => typeof o.traceId === "string" || "startTime" in o;
function readLangfuse(record, facts) {
  const body = typeof record.type === "string" && INGESTION_EVENT.test(record.type) ? obj(record.body) : void 0;
  const o = body ?? record;
  const at = body === void 0 ? "" : "body.";
  facts.setTimeOf(o.startTime, `${at}startTime`);
  facts.setTimeOf(o.timestamp, `${at}timestamp`);
  facts.setTimeOf(record.timestamp, "timestamp");
  if (o.level === "ERROR") facts.fail(`${at}level`);
  if (isObservation(o)) {
    readObservation(o, at, facts);
    return;
  }
  facts.setText("interaction_id", o.id, `${at}id`);
  facts.setSeconds("latency_ms", o.latency, `${at}latency`);
  facts.setText("model_version", o.version, `${at}version`);
  facts.setText("model_version", o.release, `${at}release`);
  for (const [i, item] of arr(o.observations).entries()) {
    const observation = obj(item);
    if (observation === void 0) continue;
    if (observation.level === "ERROR") facts.fail(`${at}observations[${i}].level`);
    if (observation.type === "GENERATION" && facts.text.model === void 0) readObservation(observation, `${at}observations[${i}].`, facts);
  }
}

// src/monitor/shapes/openai-chat.ts
function halves(record) {
  const wrapped = obj(record.response);
  const batchOut = obj(wrapped?.body);
  const req = obj(record.request) ?? obj(record.body);
  const res = batchOut ?? wrapped;
  return {
    req: req ?? record,
    res: res ?? record,
    reqAt: req === void 0 ? "" : record.request === req ? "request." : "body.",
    resAt: batchOut === void 0 ? wrapped === void 0 ? "" : "response." : "response.body."
  };
}
function readBatch(record, facts) {
  facts.setText("interaction_id", record.custom_id, "custom_id");
  const status = obj(record.response)?.status_code;
  if (typeof status === "number" && status >= 400) facts.fail("response.status_code");
}
var answers = (choice) => {
  const message = obj(obj(choice)?.message);
  return message !== void 0 && (hasText(message.content) || hasText(message.refusal) || arr(message.tool_calls).length > 0 || isSet(message.function_call));
};
function readOpenAiChat(record, facts) {
  const { req, res, reqAt, resAt } = halves(record);
  readBatch(record, facts);
  facts.setText("interaction_id", res.id, `${resAt}id`);
  facts.setTimeOf(res.created, `${resAt}created`);
  facts.setText("model", req.model, `${reqAt}model`);
  facts.setText("model", res.model, `${resAt}model`);
  facts.setText("model_version", res.model, `${resAt}model`);
  const usage = obj(res.usage);
  facts.setCount("tokens_in", usage?.prompt_tokens, `${resAt}usage.prompt_tokens`);
  facts.setCount("tokens_out", usage?.completion_tokens, `${resAt}usage.completion_tokens`);
  if (isSet(res.error)) facts.fail(`${resAt}error`);
  if (Array.isArray(res.choices) && !res.choices.some(answers)) {
    facts.empty = true;
    facts.from.error ??= `${resAt}choices`;
  }
}

// src/monitor/shapes/detect.ts
var FLAT = { schema: "flat", marker: "no other shape matched" };
var FLAT_FIELDS = { schema: "flat", marker: "the response or query field" };
var OTEL = { schema: "otel-genai", marker: "resourceSpans[]" };
var LANGSMITH = { schema: "langsmith", marker: "run_type" };
var LANGFUSE_EVENT = { schema: "langfuse", marker: "type (ingestion event) + body" };
var LANGFUSE_OBSERVATION = { schema: "langfuse", marker: "traceId + startTime" };
var LANGFUSE_TRACE = { schema: "langfuse", marker: "observations[] or htmlPath" };
var CHAT = { schema: "openai-chat", marker: 'object "chat.completion", or model + choices[] or messages[]' };
var BATCH = { schema: "openai-chat", marker: "custom_id + response or body (Batch API)" };
var RESPONSES = { schema: "openai-responses", marker: 'object "response", or model + output[] or input' };
function detectShape(record, flat) {
  if (flat.responseField !== null && flat.responseField in record || flat.queryField !== null && flat.queryField in record) return FLAT_FIELDS;
  if (Array.isArray(record.resourceSpans)) return OTEL;
  if (typeof record.run_type === "string") return LANGSMITH;
  if (typeof record.type === "string" && INGESTION_EVENT.test(record.type) && typeof record.body === "object") return LANGFUSE_EVENT;
  if (typeof record.traceId === "string" && "startTime" in record) return LANGFUSE_OBSERVATION;
  if (Array.isArray(record.observations) || "htmlPath" in record) return LANGFUSE_TRACE;
  const { req, res } = halves(record);
  const named = typeof res.model === "string" || typeof req.model === "string";
  if (res.object === "chat.completion" || named && (Array.isArray(res.choices) || Array.isArray(req.messages))) return CHAT;
  if (res.object === "response" || named && (Array.isArray(res.output) || "input" in req)) return RESPONSES;
  if (typeof record.custom_id === "string" && (typeof record.response === "object" || typeof record.body === "object")) return BATCH;
  return FLAT;
}

// src/monitor/shapes/langsmith.ts
function firstToken(run2) {
  for (const [i, e] of arr(run2.events).entries()) {
    const event = obj(e);
    if (event?.name === "new_token") return [event.time, `events[${i}].time`];
  }
  return [void 0, "events[new_token].time"];
}
function readLangSmith(run2, facts) {
  facts.setText("interaction_id", run2.trace_id, "trace_id");
  facts.setText("interaction_id", run2.id, "id");
  facts.setTimeOf(run2.start_time, "start_time");
  facts.setBetween("latency_ms", run2.start_time, run2.end_time, "end_time - start_time");
  const [token, tokenAt] = run2.first_token_time === void 0 || run2.first_token_time === null ? firstToken(run2) : [run2.first_token_time, "first_token_time"];
  facts.setBetween("ttft_ms", run2.start_time, token, `${tokenAt} - start_time`);
  const extra = obj(run2.extra);
  const params = obj(extra?.invocation_params);
  const metadata = obj(extra?.metadata);
  facts.setText("model", params?.model, "extra.invocation_params.model");
  facts.setText("model", params?.model_name, "extra.invocation_params.model_name");
  facts.setText("model", metadata?.ls_model_name, "extra.metadata.ls_model_name");
  facts.setText("model_version", metadata?.revision_id, "extra.metadata.revision_id");
  const outputs = obj(run2.outputs);
  const tokenUsage = obj(obj(outputs?.llm_output)?.token_usage);
  const usageMetadata = obj(outputs?.usage_metadata);
  facts.setCount("tokens_in", run2.prompt_tokens, "prompt_tokens");
  facts.setCount("tokens_in", tokenUsage?.prompt_tokens, "outputs.llm_output.token_usage.prompt_tokens");
  facts.setCount("tokens_in", usageMetadata?.input_tokens, "outputs.usage_metadata.input_tokens");
  facts.setCount("tokens_out", run2.completion_tokens, "completion_tokens");
  facts.setCount("tokens_out", tokenUsage?.completion_tokens, "outputs.llm_output.token_usage.completion_tokens");
  facts.setCount("tokens_out", usageMetadata?.output_tokens, "outputs.usage_metadata.output_tokens");
  if (hasText(run2.error)) facts.fail("error");
  else if (run2.status === "error") facts.fail("status");
}

// src/monitor/shapes/openai-responses.ts
var answers2 = (item) => {
  const it = obj(item);
  if (it === void 0) return false;
  if (it.type !== "message") return it.type !== "reasoning";
  return arr(it.content).some((part) => hasText(obj(part)?.text) || hasText(obj(part)?.refusal));
};
function readOpenAiResponses(record, facts) {
  const { req, res, reqAt, resAt } = halves(record);
  readBatch(record, facts);
  facts.setText("interaction_id", res.id, `${resAt}id`);
  const created = typeof res.created_at === "number" ? res.created_at * 1e3 : Number.NaN;
  facts.setTime(created, `${resAt}created_at`);
  if (typeof res.completed_at === "number") facts.setDuration("latency_ms", res.completed_at * 1e3 - created, `${resAt}completed_at - ${resAt}created_at`);
  facts.setText("model", req.model, `${reqAt}model`);
  facts.setText("model", res.model, `${resAt}model`);
  facts.setText("model_version", res.model, `${resAt}model`);
  const usage = obj(res.usage);
  facts.setCount("tokens_in", usage?.input_tokens, `${resAt}usage.input_tokens`);
  facts.setCount("tokens_out", usage?.output_tokens, `${resAt}usage.output_tokens`);
  if (isSet(res.error)) facts.fail(`${resAt}error`);
  else if (res.status === "failed") facts.fail(`${resAt}status`);
  if (Array.isArray(res.output) && res.status !== "in_progress" && !res.output.some(answers2)) {
    facts.empty = true;
    facts.from.error ??= `${resAt}output`;
  }
}

// src/monitor/shapes/otel-genai.ts
function plain(value) {
  const v = obj(value);
  if (v === void 0) return void 0;
  if ("stringValue" in v) return v.stringValue;
  if ("intValue" in v) return v.intValue;
  if ("doubleValue" in v) return v.doubleValue;
  if ("boolValue" in v) return v.boolValue;
  return void 0;
}
function attributesOf(holder) {
  const found = /* @__PURE__ */ new Map();
  for (const a of arr(holder.attributes)) {
    const attr = obj(a);
    if (attr !== void 0 && typeof attr.key === "string" && !found.has(attr.key)) found.set(attr.key, plain(attr.value));
  }
  return found;
}
var isGenAi = (attrs) => {
  for (const key of attrs.keys()) if (key.startsWith("gen_ai.") || key.startsWith("llm.")) return true;
  return attrs.get("openinference.span.kind") === "LLM";
};
function* spansOf2(record) {
  for (const [r, rs] of arr(record.resourceSpans).entries()) {
    for (const [s, ss] of arr(obj(rs)?.scopeSpans).entries()) {
      for (const [i, sp] of arr(obj(ss)?.spans).entries()) {
        const span = obj(sp);
        if (span !== void 0) yield { span, at: `resourceSpans[${r}].scopeSpans[${s}].spans[${i}]` };
      }
    }
  }
}
var errorStatus = (span) => {
  const code = obj(span.status)?.code;
  return code === 2 || code === "STATUS_CODE_ERROR" || code === "2";
};
var nanosToMs = (value) => typeof value === "string" && /^\d{1,20}$/.test(value) ? Number(value) / 1e6 : typeof value === "number" && value >= 0 ? value / 1e6 : Number.NaN;
function pick(attrs, at, keys) {
  for (const key of keys) if (attrs.has(key)) return [attrs.get(key), `${at}.attributes[${key}]`];
  return [void 0, `${at}.attributes[${keys[0]}]`];
}
function readSpan(span, attrs, at, facts) {
  const [responseId, idAt] = pick(attrs, at, ["gen_ai.response.id"]);
  facts.setText("interaction_id", responseId, idAt);
  facts.setText("interaction_id", span.traceId, `${at}.traceId`);
  const start = nanosToMs(span.startTimeUnixNano);
  facts.setTime(start, `${at}.startTimeUnixNano`);
  facts.setDuration("latency_ms", nanosToMs(span.endTimeUnixNano) - start, `${at}.endTimeUnixNano - ${at}.startTimeUnixNano`);
  const [ttft, ttftAt] = pick(attrs, at, ["gen_ai.server.time_to_first_token"]);
  facts.setSeconds("ttft_ms", typeof ttft === "string" ? Number(ttft) : ttft, ttftAt);
  facts.setText("model", ...pick(attrs, at, ["gen_ai.request.model", "llm.model_name", "gen_ai.response.model"]));
  facts.setText("model_version", ...pick(attrs, at, ["gen_ai.response.model", "llm.model_name"]));
  facts.setCount("tokens_in", ...pick(attrs, at, ["gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens", "llm.token_count.prompt"]));
  facts.setCount("tokens_out", ...pick(attrs, at, ["gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens", "llm.token_count.completion"]));
}
function readOtelGenAi(record, facts) {
  let count2 = 0;
  for (const { span, at } of spansOf2(record)) {
    const attrs = attributesOf(span);
    if (!isGenAi(attrs)) continue;
    if (count2++ === 0) readSpan(span, attrs, at, facts);
    if (errorStatus(span)) facts.fail(`${at}.status.code`);
    else if (attrs.has("error.type")) facts.fail(`${at}.attributes[error.type]`);
  }
  facts.spans = count2;
}

// src/monitor/shapes/index.ts
var READERS = {
  "openai-chat": readOpenAiChat,
  "openai-responses": readOpenAiResponses,
  "otel-genai": readOtelGenAi,
  langfuse: readLangfuse,
  langsmith: readLangSmith
};
var FORCED = Object.fromEntries(SCHEMAS.filter((s) => s !== "auto").map((schema) => [schema, { schema, marker: "forced (--schema)" }]));
function shapeOf(record, schema, flat) {
  return schema === "auto" ? detectShape(record, flat) : FORCED[schema];
}
function readShape(record, shape) {
  if (shape.schema === "flat") return void 0;
  const facts = new Facts(shape.schema, shape.marker);
  READERS[shape.schema](record, facts);
  return facts;
}

// src/monitor/shown.ts
function printed(value, key, ctx, redactor) {
  if (typeof value === "string") return value;
  if (typeof value !== "number") return void 0;
  const text = String(value);
  const matches = detect(text, ctx.ruleSet, { key });
  return matches.length === 0 || !ctx.redact ? text : redactText(text, matches, redactor);
}
function shownId(record, ctx, redactor = mask) {
  const name = ctx.config.idFields.find((n) => firstScalar(record, [n]) !== null);
  return name === void 0 ? null : printed(record[name], name, ctx, redactor) ?? null;
}
function groupOf(shown, facts, ctx) {
  const { groupBy } = ctx.config;
  if (groupBy === null) return void 0;
  const own = printed(shown[groupBy], groupBy, ctx, ctx.redactor);
  if (own !== void 0 || facts === void 0) return own;
  if (groupBy === "model_version") return facts.text.model_version ?? facts.text.model;
  return groupBy === "model" ? facts.text.model : void 0;
}
function shapeFields(facts) {
  const fields = {
    schema: facts.schema,
    model: facts.text.model ?? null,
    model_version: facts.text.model_version ?? null,
    tokens_in: facts.count.tokens_in ?? null,
    tokens_out: facts.count.tokens_out ?? null,
    ttft_ms: facts.duration.ttft_ms ?? null
  };
  if (facts.spans !== void 0) fields.spans = facts.spans;
  return fields;
}
function shownFacts(record, shown, ctx) {
  const { config } = ctx;
  const facts = readShape(shown, shapeOf(shown, config.schema, config));
  if (facts === void 0) {
    return {
      id: shownId(shown, ctx, ctx.redactor),
      time: timestampOf(shown, config.timestampFields),
      latency: latencyOf(shown, config.latencyFields),
      errors: functionalErrors(record, config),
      group: groupOf(shown, void 0, ctx),
      shape: void 0
    };
  }
  const errors = facts.empty ? ["empty_response"] : [];
  if (facts.failed || config.errorFields.some((name) => isSet(record[name]))) errors.push("error_field");
  return {
    id: facts.text.interaction_id ?? shownId(shown, ctx, ctx.redactor),
    time: facts.time === void 0 ? timestampOf(shown, config.timestampFields) : new Date(facts.time).toISOString(),
    latency: facts.duration.latency_ms ?? latencyOf(shown, config.latencyFields),
    errors,
    group: groupOf(shown, facts, ctx),
    shape: shapeFields(facts)
  };
}

// src/monitor/splices.ts
var inString = (text) => JSON.stringify(text).slice(1, -1);
var Splices = class {
  /** `redactor` undefined: --no-redact, the sanitized line is the line. */
  constructor(line, redactor) {
    this.line = line;
    this.redactor = redactor;
  }
  line;
  redactor;
  parts = [];
  /** A key without findings: remembered, so that a masked key is never written twice. */
  keepKey(frame, text) {
    if (frame.written === void 0) (frame.kept ??= []).push(text);
    else frame.written.add(text);
  }
  /** A key with findings becomes its masked text, made distinct from the object's other keys. */
  replaceKey(frame, token, text, matches) {
    const written = frame.written ??= new Set(frame.kept);
    const masked = redactText(text, matches, mask);
    if (this.redactor === void 0) {
      this.parts.push({ start: token.start, end: token.end, sanitized: this.line.slice(token.start, token.end), masked: inString(masked) });
      return;
    }
    const base = redactText(text, matches, this.redactor);
    let key = base;
    for (let n = 2; written.has(key); n++) key = `${base}#${n}`;
    written.add(key);
    this.parts.push({ start: token.start, end: token.end, sanitized: inString(key), masked: inString(masked) });
  }
  /**
   * A number with findings becomes a string holding the mask of what was found (a mask is no
   * number): `"************1111"`. All of the number goes, whichever reading of it matched.
   */
  replaceNumber(token, matches) {
    const raw = this.line.slice(token.start, token.end);
    const first = matches[0];
    const masked = JSON.stringify(mask(first.value, first.type));
    this.parts.push({
      start: token.start,
      end: token.end,
      sanitized: this.redactor === void 0 ? raw : JSON.stringify(this.redactor(first.value, first.type)),
      masked
    });
  }
  /** Findings inside a string: `map` maps decoded offsets to the raw content (escapes). */
  replaceInString(token, map, matches) {
    for (const m of matches) {
      const [start, end] = map === void 0 ? [m.start, m.end] : map.span(m.start, m.end);
      this.push(token.start + start, token.start + end, m);
    }
  }
  /** Findings whose offsets are already raw offsets into the line (a line that is not JSON). */
  replaceInText(matches) {
    for (const m of matches) this.push(m.start, m.end, m);
  }
  lines() {
    if (this.parts.length === 0) return { sanitized: this.line, masked: this.line };
    let sanitized = "";
    let masked = "";
    let cursor = 0;
    for (const part of this.parts) {
      const between = this.line.slice(cursor, part.start);
      sanitized += between + part.sanitized;
      masked += between + part.masked;
      cursor = part.end;
    }
    const rest = this.line.slice(cursor);
    return { sanitized: sanitized + rest, masked: masked + rest };
  }
  push(start, end, m) {
    const raw = this.line.slice(start, end);
    this.parts.push({
      start,
      end,
      sanitized: this.redactor === void 0 ? raw : inString(this.redactor(m.value, m.type)),
      masked: inString(mask(m.value, m.type))
    });
  }
};
function mergeLineMatches(line, matches) {
  return resolveOverlaps(matches, line).map((m) => ({ ...m, value: normalizedText(decodeEscapes(line.slice(m.start, m.end)).text) }));
}

// src/monitor/analyze.ts
var MAX_FINDINGS_PER_RECORD = 1e3;
var LineTimeout = class extends Error {
  constructor(limitMs) {
    super(`took longer than ${limitMs} ms to scan (maxLineMs)`);
    this.limitMs = limitMs;
  }
  limitMs;
};
function deadline(ctx) {
  const limit = ctx.config.maxLineMs;
  const end = performance.now() + limit;
  let calls = 0;
  return () => {
    if (++calls % 64 === 0 && performance.now() > end) throw new LineTimeout(limit);
  };
}
var NOTHING = { findings: [], values: [], contexts: [], omitted: {}, suppressed: [] };
var Collector = class {
  constructor(ctx) {
    this.ctx = ctx;
  }
  ctx;
  findings = [];
  /** The normalised value of each finding (same order): never output, only keyed for the base side. */
  values = [];
  contexts = [];
  omitted = {};
  suppressed = [];
  add(field, text, matches, suppressed) {
    for (const m of suppressed) this.suppressed.push(m.type);
    if (matches.length === 0) return;
    const room = MAX_FINDINGS_PER_RECORD - this.findings.length;
    const contexts = room > 0 ? maskedContexts(text, matches.slice(0, room)) : [];
    for (const [i, m] of matches.entries()) {
      if (i >= room) {
        const tally = this.omitted[m.type] ??= { category: m.category, count: 0 };
        tally.count++;
        continue;
      }
      const finding = {
        type: m.type,
        category: m.category,
        rule: m.rule,
        field,
        start: m.start,
        end: m.end,
        severity: m.severity,
        confidence: m.confidence,
        masked: mask(m.value, m.type),
        // Given once the record key is known (see `fingerprint`).
        fingerprint: ""
      };
      if (!this.ctx.redact) finding.value = text.slice(m.start, m.end);
      this.findings.push(finding);
      this.values.push(m.value);
      this.contexts.push(contexts[i]);
    }
  }
};
function selected(frames, ctx) {
  if (frames.length === 1 && !frames[0]?.array) {
    const key = frames[0]?.key;
    if (ctx.config.idFields.includes(key) || ctx.config.groupBy === key) return true;
  }
  const path = ctx.fieldPaths.some((steps) => steps.length === frames.length) ? pathOf(frames) : void 0;
  return path !== void 0 && ctx.fieldPaths.some(
    (steps) => steps.length === path.length && steps.every((s, i) => s.kind === "key" ? s.key === path[i] : s.kind === "each" ? typeof path[i] === "number" : s.index === path[i])
  );
}
var EXPONENT = /\d[eE][-+]?\d/;
function hasExponent(line, token) {
  for (let i = token.start; i < token.end; i++) if ((line.charCodeAt(i) | 32) === 101) return true;
  return false;
}
function scanTokens(line, triggers, ctx) {
  const found = new Collector(ctx);
  const out = new Splices(line, ctx.redact ? ctx.redactor : void 0);
  const cursor = new TriggerCursor(triggers, ctx.ruleSet);
  const tick = deadline(ctx);
  walkJson(line, (token, frames) => {
    tick();
    const isKey = token.kind === "key";
    let rules = cursor.rulesFor(token.start, token.end);
    if (token.kind === "number" && hasExponent(line, token)) rules = ctx.ruleSet.rules;
    const key = rules.length === 0 ? "" : isKey ? parentKey(frames) : ownKey(frames);
    if (rules.length > 0) rules = rulesForKey(rules, key);
    if (rules.length === 0 || !isKey && !ctx.config.scanAllFields && !selected(frames, ctx)) {
      if (isKey) out.keepKey(frames.at(-1), frames.at(-1).key);
      return;
    }
    const raw = line.slice(token.start, token.end);
    const text = token.kind === "number" ? numberReading(raw) : token.escaped ? decodeEscapes(raw).text : raw;
    const { matches, suppressed } = scan(text, ctx.ruleSet, { rules, key, normal: triggers.normal, tick });
    if (matches.length === 0) {
      if (isKey) out.keepKey(frames.at(-1), text);
      for (const m of suppressed) found.suppressed.push(m.type);
      return;
    }
    found.add(fieldLabel(frames, isKey), text, matches, suppressed);
    if (isKey) {
      const top = frames.at(-1);
      top.shown = redactText(text, matches, mask);
      out.replaceKey(top, token, text, matches);
    } else if (token.kind === "number") out.replaceNumber(token, matches);
    else out.replaceInString(token, token.escaped ? decodeEscapes(raw).map : void 0, matches);
  });
  return { findings: found.findings, values: found.values, contexts: found.contexts, omitted: found.omitted, suppressed: found.suppressed, ...out.lines() };
}
function scanLoose(line, ctx) {
  const tick = deadline(ctx);
  const whole = decodeEscapes(line);
  const views = [{ map: whole.map, offset: 0, result: scan(whole.text, ctx.ruleSet, { tick }) }];
  for (const [start, end] of looseParts(line)) {
    tick();
    const part = decodeEscapes(line.slice(start, end));
    views.push({ map: part.map, offset: start, result: scan(part.text, ctx.ruleSet, { tick }) });
  }
  const raw = [];
  for (const { map, offset, result } of views) {
    for (const m of result.matches) {
      const [start, end] = map.span(m.start, m.end);
      raw.push({ ...m, start: offset + start, end: offset + end });
    }
  }
  const matches = mergeLineMatches(line, raw);
  const found = new Collector(ctx);
  found.add("$line", line, matches, views[0]?.result.suppressed ?? []);
  const out = new Splices(line, ctx.redact ? ctx.redactor : void 0);
  out.replaceInText(matches);
  return { findings: found.findings, values: found.values, contexts: found.contexts, omitted: found.omitted, suppressed: found.suppressed, ...out.lines() };
}
function valueKey(ctx, fingerprint2, value) {
  return createHmac("sha256", ctx.valueSecret).update(`${fingerprint2}\0${value}`).digest("base64").slice(0, 22);
}
function fingerprint(scanned, file, record, ctx) {
  const keys = [];
  for (const [i, f] of scanned.findings.entries()) {
    f.fingerprint = fingerprintOf({ rule: f.rule, file, record, field: f.field, context: scanned.contexts[i] ?? "" });
    const key = valueKey(ctx, f.fingerprint, scanned.values[i] ?? "");
    keys.push(key);
    if (ctx.ignored.has(f.fingerprint)) f.ignored = true;
    else if (ctx.preexisting?.has(key)) f.preexisting = true;
  }
  return keys;
}
function recordKey(masked, ctx) {
  const id = masked !== null && typeof masked === "object" && !Array.isArray(masked) ? shownId(masked, ctx, mask) : null;
  return id === null ? `record:${hashText(canonical(masked))}` : `id:${id}`;
}
function canonical(value) {
  const parts = [];
  const stack = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v !== null && typeof v === "object") {
      const entries = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
      parts.push(Array.isArray(v) ? "[" : "{");
      for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i]?.[1], `k:${String(entries[i]?.[0])}`);
    } else parts.push(typeof v === "string" ? JSON.stringify(v) : String(v));
  }
  return parts.join("\0");
}
function failed(kind, file, line, parseError, scanned = NOTHING) {
  const record = {
    interaction_id: null,
    file,
    line,
    timestamp_utc: null,
    latency_ms: null,
    slow: false,
    pii_detected: hasCategory(scanned, "pii"),
    secret_detected: hasCategory(scanned, "secret"),
    error: kind,
    errors: [kind],
    parse_error: parseError,
    findings: scanned.findings,
    suppressed: scanned.suppressed.length,
    original_interaction: null
  };
  return withOmitted(record, scanned.omitted);
}
function hasCategory(scanned, category) {
  return scanned.findings.some((f) => f.category === category) || Object.values(scanned.omitted).some((o) => o.category === category);
}
function withOmitted(record, omitted) {
  const count2 = Object.values(omitted).reduce((n, o) => n + o.count, 0);
  if (count2 > 0) record.findings_omitted = count2;
  return record;
}
function lineFingerprints(scanned, file, ctx) {
  return { ...scanned, valueKeys: scanned.findings.length > 0 ? fingerprint(scanned, file, `line:${hashText(scanned.masked)}`, ctx) : [] };
}
function analyzeLine(line, file, lineNumber, ctx) {
  if (line instanceof OversizedLine) {
    return { record: failed("line_too_long", file, lineNumber, `line of ${line.length} bytes exceeds the limit; not scanned`), group: void 0 };
  }
  try {
    return analyzeText(line, file, lineNumber, ctx);
  } catch (error) {
    if (!(error instanceof RangeError) && !(error instanceof LineTimeout)) throw error;
    return { record: failed("unscannable", file, lineNumber, `line of ${line.length} characters could not be scanned: ${error.message}`), group: void 0 };
  }
}
function analyzeText(line, file, lineNumber, ctx) {
  const parsed = parseJsonLine(line);
  if (!parsed.ok) {
    const scanned2 = lineFingerprints(scanLoose(line, ctx), file, ctx);
    return {
      record: failed("malformed_json", file, lineNumber, parsed.error, scanned2),
      group: void 0,
      sanitized: scanned2.sanitized,
      suppressed: scanned2.suppressed,
      omitted: scanned2.omitted,
      valueKeys: scanned2.valueKeys
    };
  }
  const triggers = lineTriggers(line, ctx.ruleSet) ?? (EXPONENT.test(line) ? { everywhere: [], hits: [], normal: false } : void 0);
  const scanned = triggers === void 0 ? { ...NOTHING, sanitized: line, masked: line } : scanTokens(line, triggers, ctx);
  const { value } = parsed;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const kind = Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`;
    const valueKeys2 = scanned.findings.length > 0 ? fingerprint(scanned, file, recordKey(JSON.parse(scanned.masked), ctx), ctx) : [];
    const record2 = failed("not_object", file, lineNumber, `expected a JSON object, got ${kind}`, scanned);
    return { record: record2, group: void 0, sanitized: scanned.sanitized, suppressed: scanned.suppressed, omitted: scanned.omitted, valueKeys: valueKeys2 };
  }
  const record = value;
  const changed = scanned.sanitized !== line;
  const shown = changed ? JSON.parse(scanned.sanitized) : record;
  let valueKeys = [];
  if (scanned.findings.length > 0) {
    const masked = scanned.masked === scanned.sanitized ? shown : JSON.parse(scanned.masked);
    valueKeys = fingerprint(scanned, file, recordKey(masked, ctx), ctx);
  }
  const { config } = ctx;
  const { id, time, latency, errors, group, shape } = shownFacts(record, shown, ctx);
  const result = {
    interaction_id: id,
    file,
    line: lineNumber,
    timestamp_utc: time,
    latency_ms: latency,
    slow: latency !== null && latency > config.slowMs,
    pii_detected: hasCategory(scanned, "pii"),
    secret_detected: hasCategory(scanned, "secret"),
    error: errors[0] ?? null,
    errors,
    findings: scanned.findings,
    suppressed: scanned.suppressed.length,
    original_interaction: shown
  };
  if (shape !== void 0) Object.assign(result, shape);
  return {
    record: withOmitted(result, scanned.omitted),
    suppressed: scanned.suppressed,
    omitted: scanned.omitted,
    group,
    raw: scanned.sanitized,
    sanitized: scanned.sanitized,
    valueKeys
  };
}

// src/results/record.ts
function factsOf({ record, group, suppressed, omitted, valueKeys }) {
  const findings = record.findings.map(({ type, category, rule, severity, field, start, end, masked, fingerprint: fingerprint2, ignored, preexisting }) => ({
    type,
    category,
    rule,
    severity,
    field,
    start,
    end,
    masked,
    fingerprint: fingerprint2,
    ignored: ignored === true,
    preexisting: preexisting === true
  }));
  const facts = {
    file: record.file,
    line: record.line,
    errors: record.errors,
    findings,
    suppressed: suppressed ?? [],
    omitted: omitted ?? {},
    valueKeys: valueKeys ?? [],
    latency: record.latency_ms,
    group
  };
  if (record.error === "line_too_long" || record.error === "unscannable") facts.note = record.parse_error;
  if (record.timestamp_utc !== null) {
    facts.time = record.timestamp_utc;
    facts.timeMs = Date.parse(record.timestamp_utc);
  }
  return facts;
}

// src/monitor/tokens.ts
var count = (value) => typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : void 0;
var PAIRS = [
  ["tokens_in", "tokens_out"],
  ["input_tokens", "output_tokens"],
  ["prompt_tokens", "completion_tokens"]
];
var TOTALS = ["total_tokens", "tokens"];
function fromObject(o) {
  for (const name of TOTALS) {
    const n = count(o[name]);
    if (n !== void 0) return n;
  }
  for (const [input, output] of PAIRS) {
    const a = count(o[input]);
    const b = count(o[output]);
    if (a !== void 0 || b !== void 0) return (a ?? 0) + (b ?? 0);
  }
  return void 0;
}
function tokensOf(record) {
  if (record === null || typeof record !== "object" || Array.isArray(record)) return void 0;
  const o = record;
  const own = fromObject(o);
  if (own !== void 0) return own;
  const { usage } = o;
  return usage !== null && typeof usage === "object" && !Array.isArray(usage) ? fromObject(usage) : void 0;
}
function recordTokens(record) {
  const { tokens_in: input, tokens_out: output } = record;
  if (typeof input === "number" || typeof output === "number") return (input ?? 0) + (output ?? 0);
  return tokensOf(record.original_interaction);
}

// src/monitor/batch.ts
function tooLongPlaceholder(length) {
  return JSON.stringify({ llmops: "line_too_long", note: "removed from the sanitized copy: too long to scan", length });
}
function unscannablePlaceholder(length) {
  return JSON.stringify({ llmops: "unscannable", note: "removed from the sanitized copy: could not be scanned", length });
}
function sanitizedLine(line, analyzed) {
  if (line instanceof OversizedLine) return tooLongPlaceholder(line.length);
  if (analyzed === void 0) return line;
  return analyzed.sanitized ?? unscannablePlaceholder(line.length);
}
function placeOf(ms, window) {
  if (ms === void 0) return "untimed";
  if (window.sinceMs !== void 0 && ms < window.sinceMs) return "before";
  if (window.untilMs !== void 0 && ms >= window.untilMs) return "after";
  return void 0;
}
function linesOf(job, maxLineBytes, spans) {
  if (job.bytes === void 0) return [new OversizedLine(job.oversized ?? 0)];
  return frameLines(job.bytes, maxLineBytes, job.firstLine === 1, spans);
}
function writeRecord(out, analyzed, line, frame, start, end) {
  if (frame !== void 0 && start >= 0 && typeof line === "string" && analyzed.raw === line && !line.includes("\r")) {
    out.text(recordHead(analyzed));
    out.copy(frame, start, end);
    out.text("}");
  } else out.text(formatRecord(analyzed));
}
function writeSanitized(out, line, analyzed, frame, start, end) {
  const text = sanitizedLine(line, analyzed);
  if (frame !== void 0 && start >= 0 && text === line) out.copy(frame, start, end);
  else out.text(text);
  out.text("\n");
}
function processBatch(job, ctx, options) {
  const result = { output: new Uint8Array(0), facts: [], blank: 0, unchanged: 0, sanitized: new Uint8Array(0) };
  const { window } = options;
  const outside = window === void 0 ? void 0 : result.outside = { before: 0, after: 0, untimed: 0 };
  const unchanged = options.sanitized ? void 0 : ctx.unchanged?.get(job.file);
  const output = options.mode === "none" ? void 0 : new ByteSink((job.bytes?.length ?? 0) * 3 / 2 + 4096);
  const sanitized = options.sanitized ? new ByteSink((job.bytes?.length ?? 0) + 4096) : void 0;
  const spans = [];
  const lines = linesOf(job, ctx.config.maxLineBytes, spans);
  const keys = options.lineKeys === true ? new Uint32Array(4 * lines.length) : void 0;
  let keyCount = 0;
  let first = true;
  for (const [i, line] of lines.entries()) {
    const blank = typeof line === "string" && line.trim() === "";
    if (!blank && typeof line === "string") {
      if (unchanged?.has(line) === true) {
        result.unchanged++;
        continue;
      }
      if (keys !== void 0) lineKeyInto(line, keys, 4 * keyCount++);
    }
    const analyzed = blank ? void 0 : analyzeLine(line, job.file, job.firstLine + i, ctx);
    if (sanitized !== void 0) writeSanitized(sanitized, line, analyzed, job.bytes, spans[2 * i] ?? -1, spans[2 * i + 1] ?? -1);
    if (analyzed === void 0) {
      result.blank++;
      continue;
    }
    const facts = factsOf(analyzed);
    const place = window === void 0 ? void 0 : placeOf(facts.timeMs, window);
    if (place !== void 0 && outside !== void 0) {
      outside[place]++;
      continue;
    }
    const tokens = recordTokens(analyzed.record);
    if (tokens !== void 0) facts.tokens = tokens;
    result.facts.push(facts);
    if (output === void 0) continue;
    if (options.mode === "json" && !first) output.text(",\n");
    writeRecord(output, analyzed, line, job.bytes, spans[2 * i] ?? -1, spans[2 * i + 1] ?? -1);
    if (options.mode !== "json") output.text("\n");
    first = false;
  }
  if (output !== void 0) result.output = output.done();
  if (sanitized !== void 0) result.sanitized = sanitized.done();
  if (keys !== void 0) result.keys = keys.slice(0, 4 * keyCount);
  return result;
}

// src/config/field-path.ts
var SEGMENT = /^([^.[\]]+)((?:\[\d*\])*)$/;
function parseFieldPath(path) {
  if (path.trim() === "") return "a field path must not be empty";
  const steps = [];
  for (const segment of path.split(".")) {
    const m = SEGMENT.exec(segment);
    if (m === null) return `invalid field path "${path}": use names, dots and [] (e.g. messages[].content)`;
    steps.push({ kind: "key", key: m[1] });
    for (const bracket of (m[2] ?? "").match(/\[\d*\]/g) ?? []) {
      steps.push(bracket === "[]" ? { kind: "each" } : { kind: "index", index: Number(bracket.slice(1, -1)) });
    }
  }
  return steps;
}

// src/detector.ts
import { createHmac as createHmac2, randomBytes } from "node:crypto";

// src/errors.ts
var ExitCode = {
  OK: 0,
  GATE_FAILED: 1,
  USAGE: 2,
  PRECONDITION: 3,
  INVALID_TARGET: 4,
  REMOTE_MOVED: 5,
  NOT_CONFIRMED: 6,
  PUSH_REFUSED: 7,
  INTERNAL: 70,
  INTERRUPTED: 130
};
var EXIT_CODE_TABLE = [
  [ExitCode.OK, "success"],
  [ExitCode.GATE_FAILED, "gate failed: the monitor found what --fail-on names, or compare a regression (--fail-on-regression)"],
  [ExitCode.USAGE, "usage or input error: bad flag, bad config, unreadable or missing input"],
  [ExitCode.PRECONDITION, "precondition failed: not a git repo, dirty tree, detached HEAD, operation in progress, a file init would overwrite"],
  [ExitCode.INVALID_TARGET, "invalid target: tag missing, not on the branch's history, already current"],
  [ExitCode.REMOTE_MOVED, "remote moved: the push lease was rejected; nothing was overwritten"],
  [ExitCode.NOT_CONFIRMED, "not confirmed: confirmation missing, wrong or declined (Ctrl-C at the prompt too); nothing was changed"],
  [ExitCode.PUSH_REFUSED, "push refused by the server (protected branch, permissions)"],
  [ExitCode.INTERNAL, "internal error (a bug): fail closed, never report success"],
  [ExitCode.INTERRUPTED, "interrupted (Ctrl-C) while the monitor runs: the summary covers what was read"]
];
var ERROR_CODES = {
  E_USAGE: ExitCode.USAGE,
  E_CONFIG_INVALID: ExitCode.USAGE,
  E_CONFIG_NOT_FOUND: ExitCode.USAGE,
  E_INPUT_NOT_FOUND: ExitCode.USAGE,
  E_INPUT_READ: ExitCode.USAGE,
  E_INPUT_GZIP: ExitCode.USAGE,
  E_INPUT_SYMLINK: ExitCode.USAGE,
  E_INPUT_NOT_LOG: ExitCode.USAGE,
  E_IGNORE_INVALID: ExitCode.USAGE,
  E_SUMMARY_INVALID: ExitCode.USAGE,
  E_SUMMARY_MISMATCH: ExitCode.USAGE,
  E_FEEDBACK_INVALID: ExitCode.USAGE,
  E_FEEDBACK_WRITE: ExitCode.USAGE,
  E_FEEDBACK_MISSING: ExitCode.USAGE,
  E_OUTPUT: ExitCode.USAGE,
  E_GITHUB: ExitCode.USAGE,
  E_BAD_REF_NAME: ExitCode.USAGE,
  E_BAD_VERSION: ExitCode.USAGE,
  E_NOT_A_REPO: ExitCode.PRECONDITION,
  E_SHALLOW: ExitCode.PRECONDITION,
  E_DIRTY_TREE: ExitCode.PRECONDITION,
  E_DETACHED_HEAD: ExitCode.PRECONDITION,
  E_OPERATION_IN_PROGRESS: ExitCode.PRECONDITION,
  E_NO_REMOTE: ExitCode.PRECONDITION,
  E_NO_REMOTE_BRANCH: ExitCode.PRECONDITION,
  E_NO_IDENTITY: ExitCode.PRECONDITION,
  E_LOCAL_AHEAD: ExitCode.PRECONDITION,
  E_FETCH_FAILED: ExitCode.PRECONDITION,
  E_LS_REMOTE_FAILED: ExitCode.PRECONDITION,
  E_FILE_EXISTS: ExitCode.PRECONDITION,
  E_INVALID_TARGET: ExitCode.INVALID_TARGET,
  E_TAG_EXISTS: ExitCode.INVALID_TARGET,
  E_UNVERIFIED_BACKUP: ExitCode.INVALID_TARGET,
  E_REMOTE_MOVED: ExitCode.REMOTE_MOVED,
  E_NOT_CONFIRMED: ExitCode.NOT_CONFIRMED,
  E_PUSH_REFUSED: ExitCode.PUSH_REFUSED,
  E_PUSH_FAILED: ExitCode.PUSH_REFUSED,
  E_INTERNAL: ExitCode.INTERNAL
};
var LlmopsError = class extends Error {
  code;
  exitCode;
  suggestions;
  constructor(message, options) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.name = "LlmopsError";
    this.code = options.code;
    this.exitCode = ERROR_CODES[options.code];
    this.suggestions = options.suggestions ?? [];
  }
};
function fail(code, message, suggestions = []) {
  return new LlmopsError(message, { code, suggestions });
}
function usageError(message, code = "E_USAGE", suggestions = []) {
  return fail(code, message, suggestions);
}

// src/rules/prefilters.ts
var NINE_DIGITS = String.raw`\d(?:[ ().\/-]{0,2}\d){8,1000}`;
var SEVEN_DIGITS = String.raw`\d(?:[ ().\/-]{0,2}\d){6,1000}`;
var DIGITS_WINDOW = 16;
var TOKEN_PREFIXES = String.raw`AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|sk-|xox[abposr]-|[sr]k_(?:live|test)_|eyJ|[Bb]earer|BEARER`;

// src/rules/financial.ts
var NOT_AFTER = String.raw`(?![\w-]|[.,]\d)`;
var CARD_END = String.raw`(?![\w-]|\.\d)`;
function ibanPattern() {
  const byLength = /* @__PURE__ */ new Map();
  for (const [country, length] of Object.entries(IBAN_LENGTHS)) byLength.set(length, [...byLength.get(length) ?? [], country]);
  const alternatives = [...byLength].sort(([a], [b]) => b - a).map(([length, countries]) => `(?:${countries.join("|")})\\d{2}(?:[ -]?[A-Z0-9]){${length - 4}}`);
  return String.raw`(?<![A-Za-z0-9])(?:${alternatives.join("|")})(?!\d)`;
}
var financialRules = [
  {
    id: "pii.credit_card",
    type: "CREDIT_CARD",
    category: "pii",
    severity: "high",
    description: "Payment card number: 12-19 digits, plain or grouped, valid by Luhn and by the prefix and length of a network (Visa, Mastercard, Amex, Discover, Diners, JCB, UnionPay, Maestro, Mir, UATP)",
    // Plain, or groups of 3 to 6 digits after a group of four, with one separator throughout (one
    // or two spaces each time, or one of - . / _): 4-4-4-4(-3), Amex 4-6-5, Diners 4-6-4, UnionPay 4-4-4-5, UATP 4-5-6.
    // A free mix of separators would glue a following "08/27" onto the number and fail its Luhn check.
    pattern: String.raw`(?<![\w.+-])(?:\d{12,19}|\d{4}(?: {1,2}\d{3,6}(?: {1,2}\d{3,6}){1,3}|([-./_])\d{3,6}(?:\1\d{3,6}){1,3}))` + CARD_END,
    prefilter: NINE_DIGITS,
    prefilterWindow: DIGITS_WINDOW,
    validator: "creditCard",
    confidence: 0.9,
    examples: {
      match: [
        "4242 4242 4242 4242",
        { text: "card 4111-1111-1111-1111 was declined", value: "4111-1111-1111-1111" },
        { text: "Amex 3782 822463 10005.", value: "3782 822463 10005" },
        { text: "pay with 5555555555554444", value: "5555555555554444" },
        { text: "Here: 38520000023237 08/27 440", value: "38520000023237" },
        { text: "Mir 2200 1234 5678 9019 expired", value: "2200 1234 5678 9019" },
        { text: "JCB 1800-320586-78249 on file", value: "1800-320586-78249" },
        { text: "csv: Sarah Davis,4111 1111 1111 1111,89177.00", value: "4111 1111 1111 1111" },
        { text: "dotted: 4111.1111.1111.1111", value: "4111.1111.1111.1111" },
        { text: "doubled spaces 4111  1111  1111  1111 here", value: "4111  1111  1111  1111" },
        { text: "Card: 4111  1111 1111 1111", value: "4111  1111 1111 1111" },
        { text: "txn_0ec9,6011 0009 9013 9424,\u20AC1045", value: "6011 0009 9013 9424" }
      ],
      noMatch: [
        { text: "card 4242 4242 4242 4241", reason: "fails the Luhn check" },
        { text: "tracking 9400 1000 0000 0000 0000 00", reason: "a USPS tracking number (22 digits)" },
        { text: "order 1234567812345670", reason: "Luhn-valid but no card network starts with 1" },
        { text: "ends in **** **** **** 4242", reason: "already masked" },
        { text: "timestamp 1699999999123", reason: "a millisecond timestamp" }
      ]
    }
  },
  {
    id: "pii.credit_card.short_tail",
    type: "CREDIT_CARD",
    category: "pii",
    severity: "high",
    description: "Payment card number in groups of four ending in a short group: UnionPay and Mir 4-4-4-4-2 (18 digits), Maestro 4-4-4-2 (14)",
    // A rule of its own: in the main pattern the short group would also glue a following "08"
    // onto every 16-digit card and fail its Luhn check. Not the tail of a longer run of groups.
    pattern: String.raw`(?<![\w.+-])(?<!\d[ ./_-])\d{4}( {1,2}|[-./_])\d{4}(?:\1\d{4}){1,3}\1\d{1,3}` + CARD_END,
    prefilter: NINE_DIGITS,
    prefilterWindow: DIGITS_WINDOW,
    validator: "creditCard",
    confidence: 0.9,
    examples: {
      match: [
        { text: "\u0441 \u043A\u0430\u0440\u0442\u044B 6275-1528-0309-1644-38 \u0441\u043F\u0438\u0441\u0430\u043B\u0438", value: "6275-1528-0309-1644-38" },
        { text: 'card="5038 0382 1731 56"', value: "5038 0382 1731 56" }
      ],
      noMatch: [
        { text: "tracking 9400 1000 0000 0000 0000 00", reason: "a USPS tracking number (22 digits)" },
        { text: "card 6275-1528-0309-1644-39", reason: "fails the Luhn check" }
      ]
    }
  },
  {
    id: "pii.us_ssn",
    type: "US_SSN",
    category: "pii",
    severity: "high",
    description: "US social security number AAA-GG-SSSS (or spaced) within the issued ranges",
    // Not followed by the same separator and more digits: "011 44 7700 900373" is a phone.
    pattern: String.raw`(?<![\w.+-])\d{3}([- .])\d{2}\1\d{4}(?!\1\d)` + CARD_END,
    prefilter: NINE_DIGITS,
    prefilterWindow: DIGITS_WINDOW,
    validator: "usSsn",
    confidence: 0.75,
    context: { words: ["ssn", "social security", "social-security", "seguro social", "ss#", "taxpayer"], window: 40, boost: 0.2 },
    negativeContext: { words: ["ein", "routing", "phone", "call", "fax", "order", "invoice", "sort code"], window: 30 },
    examples: {
      match: ["472-50-9508", { text: "SSN: 123 45 6789", value: "123 45 6789" }],
      noMatch: [
        { text: "ssn 000-12-3456", reason: "area 000 is never issued" },
        { text: "ssn 666-12-3456", reason: "area 666 is never issued" },
        { text: "ssn 912-34-5678", reason: "areas 900-999 are never issued" },
        { text: "ssn 123-00-4567", reason: "group 00 is never issued" },
        { text: "ssn 123-45-0000", reason: "serial 0000 is never issued" },
        { text: "sort code 63-06-86", reason: "wrong shape" }
      ]
    }
  },
  {
    id: "pii.us_ssn.plain",
    type: "US_SSN",
    category: "pii",
    severity: "high",
    description: "Nine digits without separators, only next to SSN words",
    pattern: String.raw`(?<![\w.+-])\d{9}` + NOT_AFTER,
    prefilter: NINE_DIGITS,
    prefilterWindow: DIGITS_WINDOW,
    validator: "usSsn",
    confidence: 0.3,
    context: { words: ["ssn", "social security", "social-security", "seguro social", "ss#"], window: 80, after: 25, boost: 0.4 },
    examples: {
      match: [
        { text: "my SSN is 472509508", value: "472509508" },
        { text: "applicant_ssn,657183782", value: "657183782" }
      ],
      noMatch: [
        { text: "invoice 123456789", reason: "no SSN word nearby" },
        { text: "ABA routing number 018978226", reason: "a routing number" }
      ]
    }
  },
  {
    id: "pii.iban",
    type: "IBAN",
    category: "pii",
    severity: "high",
    description: "International bank account number, grouped or compact, valid by country length and mod-97",
    // No digit prefilter: some BBANs are mostly letters (CH36 1071 0W3E WAD4 LNFT S). The
    // prefilter: a country's code, check digits and eight more characters (case-insensitive, as
    // the rule). Only the real codes: any two letters would also fire on most hex ids and UUIDs.
    prefilter: String.raw`(?:${Object.keys(IBAN_LENGTHS).join("|")})\d{2}(?:[ -]?[A-Z0-9]){8}`,
    pattern: ibanPattern(),
    flags: "i",
    validator: "iban",
    confidence: 0.95,
    examples: {
      match: [
        "DE89 3704 0044 0532 0130 00",
        { text: "IBAN: GB82WEST12345698765432.", value: "GB82WEST12345698765432" },
        { text: "to FR14 2004 1010 0505 0001 3M02 606 please", value: "FR14 2004 1010 0505 0001 3M02 606" },
        { text: "account CH36 1071 0W3E WAD4 LNFT S (mostly letters)", value: "CH36 1071 0W3E WAD4 LNFT S" },
        { text: "iban: de89-3704-0044-0532-0130-00 (lower case, dashes)", value: "de89-3704-0044-0532-0130-00" },
        { text: "IBAN DE89370400440532013000Bank", value: "DE89370400440532013000" },
        { text: "Sudan: SD2129010501234001", value: "SD2129010501234001" }
      ],
      noMatch: [
        { text: "IBAN DE00 3704 0044 0532 0130 00", reason: "wrong check digits" },
        { text: "VAT DE867133748", reason: "a VAT number, too short for a German IBAN" },
        { text: "BIC DEUTDEFF500", reason: "a bank identifier code" }
      ]
    }
  }
];

// src/rules/network.ts
var VERSION_WORDS = [
  "version",
  "vers\xE3o",
  "versi\xF3n",
  "versione",
  "wersja",
  "versiyon",
  "s\xFCr\xFCm",
  "s\xFCr\xFCm\xFC",
  "\u0432\u0435\u0440\u0441\u0438\u044F",
  "\u0432\u0435\u0440\u0441\u0438\u0438",
  "\u7248\u672C",
  "\u30D0\u30FC\u30B8\u30E7\u30F3",
  "\uBC84\uC804",
  "ver",
  "build",
  "firmware",
  "fw",
  "sw",
  "pro\u0161ivki",
  "\u043F\u0440\u043E\u0448\u0438\u0432\u043A\u0438",
  "\u56FA\u4EF6",
  "release",
  "update",
  "patch",
  "python",
  "android",
  "ios",
  "chrome",
  "windows",
  "macos",
  "kernel",
  "sdk",
  "oid",
  "assemblyversion",
  "fileversion",
  "assemblyfileversion",
  "mask",
  "netmask",
  "section",
  "secci\xF3n",
  "se\xE7\xE3o",
  "abschnitt",
  "kapitel",
  "chapter",
  "clause",
  "paragraph",
  "step",
  "article",
  "artikel",
  "\xA7"
];
var networkRules = [
  {
    id: "pii.ip.v4",
    type: "IP_ADDRESS",
    category: "pii",
    severity: "low",
    description: 'IPv4 address; not version numbers such as "firmware 4.2.1.0"',
    // The boundary check comes after the first digit: a pattern that starts with a lookbehind is
    // tried at every position, one that starts with \d only at digits (3x faster).
    prefilter: String.raw`\d\.\d{1,3}\.\d{1,3}\.\d`,
    pattern: String.raw`\d(?<![\w.-]\d)\d{0,2}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\w-]|\.\d)`,
    validator: "ip",
    confidence: 0.8,
    negativeContext: { words: VERSION_WORDS, window: 20 },
    examples: {
      match: [
        "192.0.2.14",
        { text: "open http://127.0.0.1:5000 now", value: "127.0.0.1" },
        { text: "from 10.0.0.1.", value: "10.0.0.1" },
        { text: "DNS resolves api.example.com -> 198.51.100.216", value: "198.51.100.216" },
        { text: "VPN exit node 203.0.113.228.", value: "203.0.113.228" },
        { text: '- "db.internal:172.18.91.208"', value: "172.18.91.208" }
      ],
      noMatch: [
        { text: "firmware 4.2.1.0", reason: "a version string" },
        { text: "build 10.0.0.1 is out", reason: "a build number" },
        { text: "address 300.1.2.3", reason: "octet over 255" },
        { text: "v1.2.3.4", reason: "a version tag" },
        { text: "see section 3.8.1.6 of the terms", reason: "a section number" },
        { text: "Uygulama s\xFCr\xFCm\xFC 10.0.0.9 a\xE7\u0131lm\u0131yor", reason: "a version (Turkish)" },
        { text: "\u56FA\u4EF6\u7248\u672C 10.0.0.6\uFF0C\u6784\u5EFA\u53F7", reason: "a firmware version (Chinese)" },
        { text: "released 10.0.19045.3803", reason: "five parts" },
        { text: "bind 0.0.0.0", reason: "any address: names no one" },
        { text: "model=SM-S918B fw=3.9.2.22", reason: "a firmware version" },
        { text: "Subnet Mask: 255.255.255.0", reason: "a netmask" },
        { text: 'AssemblyVersion("1.0.0.0")', reason: "a .NET assembly version" }
      ]
    }
  },
  {
    id: "pii.ip.v6",
    type: "IP_ADDRESS",
    category: "pii",
    severity: "low",
    description: "IPv6 address in full form (eight groups)",
    // Five colon-separated groups somewhere; times such as 10:30:45 have fewer.
    prefilter: String.raw`:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:`,
    pattern: String.raw`(?<![\w:.])[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){7}(?![\w:]|\.\w)`,
    validator: "ip",
    confidence: 0.8,
    negativeContext: { words: ["mac", "hwaddr", "ether"], window: 15 },
    examples: {
      match: [
        "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
        { text: "client [2001:0db8:0000:0000:0000:ff00:0042:8329]:443", value: "2001:0db8:0000:0000:0000:ff00:0042:8329" }
      ],
      noMatch: [
        { text: "MAC 00:1A:2B:B0:4A:F8", reason: "a MAC address (6 groups)" },
        { text: "at 10:30:45 UTC", reason: "a time" },
        { text: "UFW BLOCK MAC=79:f8:44:ee:5f:2b:08:00 SRC=", reason: "two MAC addresses and an ethertype" }
      ]
    }
  },
  {
    id: "pii.ip.v6.v4",
    type: "IP_ADDRESS",
    category: "pii",
    severity: "low",
    description: "IPv6 address ending in an IPv4 (::ffff:192.0.2.1 as Node.js logs a client, 64:ff9b::198.51.100.7)",
    prefilter: String.raw`:\d{1,3}\.\d{1,3}\.\d{1,3}\.\d`,
    pattern: String.raw`(?<![\w:.])(?:[0-9A-Fa-f]{1,4}:|:){1,6}:?\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\w-]|\.\d)`,
    validator: "ipv6v4",
    confidence: 0.8,
    examples: {
      match: [
        { text: '"remoteAddress":"::ffff:192.0.2.13"', value: "::ffff:192.0.2.13" },
        { text: "ping6 64:ff9b::198.51.100.79 works", value: "64:ff9b::198.51.100.79" },
        { text: "from 2001:db8:9f1:147::192.0.2.34 port 22", value: "2001:db8:9f1:147::192.0.2.34" }
      ],
      noMatch: [{ text: "at 10:30:1.2.3.4", reason: "not an IPv6 head" }]
    }
  },
  {
    id: "pii.ip.v6.compressed",
    type: "IP_ADDRESS",
    category: "pii",
    severity: "low",
    description: 'IPv6 address with "::" compression (2001:db8::1, ::1)',
    keywords: ["::"],
    pattern: String.raw`(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:]|\.\w|(?<=::)\/)`,
    validator: "ipCompressed",
    confidence: 0.8,
    negativeContext: { words: ["mac", "time", "duration"], window: 15 },
    examples: {
      match: ["2001:db8::8a2e:370:7334", { text: "bind ::1 only", value: "::1" }, { text: "from 2001:db8::a3.", value: "2001:db8::a3" }],
      noMatch: [
        { text: "std::vector<int>", reason: "C++ scope" },
        { text: "ratio 16:9:4 and Foo::Bar", reason: "no address" },
        { text: "the DNS64 prefix is 64:ff9b::/96", reason: "a network prefix, not an address" }
      ]
    }
  }
];

// src/rules/pii.ts
var LETTERS = String.raw`\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02AF\u0370-\u1FFF\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF`;
var EMAIL_CHARS = String.raw`\w${LETTERS}`;
var PHONE_END = String.raw`(?:\s?(?:[Ee][Xx][Tt]\.?|[Xx]|#)\s?\d{1,5})?(?!\w|-[\d(]|\.\d|:\d)`;
var PHONE_WORDS = [
  "phone",
  "telephone",
  "tel",
  "tele",
  "mobile",
  "mob",
  "cell",
  "cellphone",
  "call",
  "called",
  "calling",
  "caller",
  "callers",
  "ring",
  "dial",
  "fax",
  "sms",
  "text me",
  "reach",
  "reach me",
  "my number",
  "direct",
  "phone number",
  "whatsapp",
  "viber",
  "signal",
  "contact",
  "contact number",
  "hotline",
  "helpline",
  "landline",
  "telefon",
  "telefonnummer",
  "rufnummer",
  "handy",
  "mobil",
  "mobilnummer",
  "anrufen",
  "erreichbar",
  "erreichen",
  "kontakt",
  "festnetz",
  "t\xE9l\xE9phone",
  "t\xE9l",
  "portable",
  "appeler",
  "appelez",
  "num\xE9ro",
  "joindre",
  "tel\xE9fono",
  "telefono",
  "telef\xF3nico",
  "telefonico",
  "m\xF3vil",
  "movil",
  "celular",
  "cel",
  "llamar",
  "ll\xE1mame",
  "llame",
  "n\xFAmero",
  "numero",
  "contactarme",
  "contacto",
  "fijo",
  "telefone",
  "telem\xF3vel",
  "telemovel",
  "fone",
  "ligue",
  "ligar",
  "liga",
  "contato",
  "cellulare",
  "chiamami",
  "chiama",
  "chiamare",
  "recapito",
  "contatto",
  "fisso",
  "tlf",
  "gsm",
  "numer",
  "zadzwo\u0144",
  "kom\xF3rka",
  "telefoon",
  "bel",
  "mobiel",
  "wa",
  "nomor",
  "hubungi",
  "telepon",
  "li\xEAn h\u1EC7",
  "\u0111i\u1EC7n tho\u1EA1i",
  "s\u1ED1 \u0111i\u1EC7n tho\u1EA1i",
  "\u03C4\u03B7\u03BB\u03AD\u03C6\u03C9\u03BD\u03BF",
  "\u03C4\u03B7\u03BB",
  "\u03BA\u03B9\u03BD\u03B7\u03C4\u03CC",
  "aray\u0131n",
  "numara",
  "numaram",
  "\u0442\u0435\u043B\u0435\u0444\u043E\u043D",
  "\u0442\u0435\u043B\u0435\u0444\u043E\u043D\u0443",
  "\u0442\u0435\u043B",
  "\u043C\u043E\u0431",
  "\u0437\u0432\u043E\u043D\u0438\u0442\u0435",
  "\u043F\u043E\u0437\u0432\u043E\u043D\u0438\u0442\u0435",
  "\u043F\u0435\u0440\u0435\u0437\u0432\u043E\u043D\u0438\u043C",
  "\u043D\u043E\u043C\u0435\u0440",
  "\u043D\u043E\u043C\u0435\u0440\u0443",
  "\u043C\u043E\u0431\u0438\u043B\u044C\u043D\u044B\u0439",
  "\u0647\u0627\u062A\u0641",
  "\u062C\u0648\u0627\u0644",
  "\u0627\u062A\u0635\u0644",
  "\u0644\u0644\u062A\u0648\u0627\u0635\u0644",
  "\u092B\u094B\u0928",
  "\u092B\u093C\u094B\u0928",
  "\u092E\u094B\u092C\u093E\u0907\u0932",
  "\u0915\u0949\u0932",
  "\u0928\u0902\u092C\u0930",
  "\u0938\u0902\u092A\u0930\u094D\u0915",
  "\u96FB\u8A71",
  "\u96FB\u8A71\u756A\u53F7",
  "\u643A\u5E2F",
  "\u9023\u7D61\u5148",
  "\u624B\u673A",
  "\u7535\u8BDD",
  "\u8054\u7CFB\u7535\u8BDD",
  "\u62E8\u6253",
  "\u81F4\u7535",
  "\uC804\uD654",
  "\uC804\uD654\uBC88\uD638",
  "\uD734\uB300\uD3F0",
  "\uC5F0\uB77D\uCC98",
  "\uBC88\uD638"
];
var NOT_PHONE_WORDS = [
  "order",
  "invoice",
  "tracking",
  "serial",
  "isbn",
  "iban",
  "account",
  "card",
  "version",
  "ticket",
  "sku",
  "reference",
  "timestamp",
  "id",
  "case",
  "routing",
  "aba",
  "vat",
  "tva",
  "siren",
  "siret",
  "postcode",
  "zip",
  "plz",
  "kargo",
  "takip",
  "bestellung",
  "rechnung",
  "pedido",
  "factura",
  "commande",
  "facture",
  "fattura",
  "ordine",
  "\u0437\u0430\u043A\u0430\u0437",
  "\u0437\u0430\u043A\u0430\u0437\u0430",
  "\u0442\u0440\u0435\u043A",
  "\u0911\u0930\u094D\u0921\u0930",
  "\u091F\u094D\u0930\u0948\u0915\u093F\u0902\u0917",
  "\u6CE8\u6587",
  "\u8BA2\u5355",
  "\uC8FC\uBB38"
];
var piiRules = [
  {
    id: "pii.email",
    type: "EMAIL",
    category: "pii",
    severity: "high",
    description: "E-mail address with a public top-level domain",
    keywords: ["@"],
    // Letters of the main scripts too (RFC 6531): an ASCII-only local part would leave "ünï" of
    // "ünïcode@..." unmasked. Explicit ranges, not \p{L} with the u flag: that is 5x slower.
    pattern: String.raw`(?<![${EMAIL_CHARS}.%+/-])[${EMAIL_CHARS}.%+-]+@[${EMAIL_CHARS}-]+(?:\.[${EMAIL_CHARS}-]+){0,126}\.(?:[A-Za-z]{2,24}(?![A-Za-z0-9-]|\.[A-Za-z0-9])|[${LETTERS}]{2,24}(?![A-Za-z0-9${LETTERS}-]))(?!:[\w.-]+\/)`,
    validator: "email",
    examples: {
      match: [
        "jane.doe@example-mail.com",
        { text: "write to first.last+billing@mail.eu.example.org today", value: "first.last+billing@mail.eu.example.org" },
        { text: "Contact: J_Smith99@Fake-Corp.co.uk.", value: "J_Smith99@Fake-Corp.co.uk" },
        { text: "\xE9crivez \xE0 \xFCn\xEFcode.fan@ex\xE4mple.com", value: "\xFCn\xEFcode.fan@ex\xE4mple.com" },
        { text: "alice@example.com:thanks for the quick reply", value: "alice@example.com" },
        { text: "sign-up: alice_smith@example.com_", value: "alice_smith@example.com" }
      ],
      noMatch: [
        { text: "see logo@2x.png in the assets folder", reason: "a retina image file name, not an address" },
        { text: "git clone git@github.com:org/repo.git", reason: "an SSH git remote" },
        { text: "git clone https://oauth2@gitlab.example.com/team/app.git", reason: "the user part of a URL" },
        { text: "ssh admin@localhost", reason: "no public top-level domain" },
        { text: "the @mention feature", reason: "no local part" },
        { text: "user@server", reason: "no dot in the domain" }
      ]
    }
  },
  {
    id: "pii.phone.formatted",
    type: "PHONE",
    category: "pii",
    severity: "medium",
    description: "Phone number written with separators: NANP (555-123-4567, (555) 123-4567), +CC international, 0-prefixed national",
    // Not right after another group of digits ("tracking 9400 1441 8250 0886 ..."): a phone starts a number.
    pattern: String.raw`(?<![\w+.-])(?<!\d[-. /])(?:` + // +CC, an optional (area) group such as (0) or (11), then groups; after the first group a
    // separator is required, so the ways to split a digit run stay few (linear time)
    String.raw`(?:\+{1,2}[1-9]\d{0,2}|\(\+[1-9]\d{0,2}\)|(?:00|011)[ ]?[1-9]\d{0,2}(?=[-. ]))(?:[-. ]?\(\d{1,4}\))?[-. ]?\d{1,12}(?:[-. ]\d{1,8}){0,5}` + // NANP: optional 1, area code with or without parentheses, separators required
    String.raw`|(?:1[-. ])?(?:\(\d{3}\)[ ]?|\d{3}[-. ])\d{3}[-. ]\d{4}` + // one separator only, as the seed regex allowed: 555-1234567, 555123-4567
    String.raw`|\d{3}[-.]\d{7}|\d{6}[-.]\d{4}` + // two-digit area code in parentheses: Brazil (11) 97176-7452
    String.raw`|\(\d{2}\)[ ]?\d{4,5}-\d{4}` + // national trunk prefix 0: UK 020 7946 0958, FR 01 23 45 67 89, DE 030 1234567
    String.raw`|\(?0\d{1,5}\)?[-. /]\d{2,8}(?:[-. ]\d{2,4}){0,4}` + String.raw`)` + PHONE_END,
    prefilter: NINE_DIGITS,
    prefilterWindow: DIGITS_WINDOW,
    validator: "phone",
    negativeContext: { words: ["tracking", "isbn", "iban", "invoice", "serial", "imei", "card", "account number", "order"], window: 25 },
    examples: {
      match: [
        "555-123-4567",
        { text: "call +44 7700 900028 ext 84 today", value: "+44 7700 900028 ext 84" },
        { text: "Meu n\xFAmero \xE9 +55 (11) 96804-7082.", value: "+55 (11) 96804-7082" },
        { text: "Phone: +49 (0)30 23125-909", value: "+49 (0)30 23125-909" },
        { text: "ligue (11) 97176-7452 hoje", value: "(11) 97176-7452" },
        { text: "confirmed +91 9892209197 on file", value: "+91 9892209197" },
        { text: "R\xFCckruf: +49 30 23125786 (ab 14 Uhr)", value: "+49 30 23125786" },
        { text: "mi tel\xE9fono (+34) 953 975 701.", value: "(+34) 953 975 701" },
        { text: "Fax: 097299 01661", value: "097299 01661" },
        { text: "call (555) 010-0199 ext. 12 now", value: "(555) 010-0199 ext. 12" },
        { text: "our line is 555.123.4567.", value: "555.123.4567" },
        { text: "UK office: +44 20 7946 0958", value: "+44 20 7946 0958" },
        { text: "Paris: 01 23 45 67 89", value: "01 23 45 67 89" },
        { text: "Berlin +49 (30) 1234 5678", value: "+49 (30) 1234 5678" },
        { text: "ring +15550100199", value: "+15550100199" },
        { text: "London 020 7946 0958", value: "020 7946 0958" },
        { text: "text 555-0100199 now", value: "555-0100199" },
        { text: "or 555010-0199.", value: "555010-0199" }
      ],
      noMatch: [
        { text: "Your order #A-12345 has shipped", reason: "an order number" },
        { text: "released on 2024-01-15 at 10:30", reason: "a date and a time" },
        { text: "upgrade to version 1.2.3.4", reason: "a version string" },
        { text: "total $1,234.56", reason: "a price" },
        { text: "id 1700000000 logged", reason: "a bare 10-digit number without phone context (Unix timestamp)" },
        { text: "ISBN 978-3-16-148410-0", reason: "an ISBN" },
        { text: "tracking 1Z999AA10123456784", reason: "a parcel tracking code" },
        { text: "USPS tracking 9400 1441 8250 0886 4760 90", reason: "a tracking number whose tail looks like a national phone" },
        { text: "IBAN DE00 3704 0044 0532 0130 00", reason: "an (invalid) IBAN whose groups look like a phone" }
      ]
    }
  },
  {
    id: "pii.phone.whatsapp_link",
    type: "PHONE",
    category: "pii",
    severity: "medium",
    description: "The number in a WhatsApp click-to-chat link (wa.me/491702975987)",
    keywords: ["wa.me/"],
    pattern: String.raw`\bwa\.me\/(\+?\d{8,15})(?![\w-])`,
    group: 1,
    validator: "phone",
    examples: {
      match: [{ text: "https://wa.me/15550100199?text=Hi", value: "15550100199" }],
      noMatch: [{ text: "https://wa.me/message/ABCDEF", reason: "a message link, no number" }]
    }
  },
  {
    id: "pii.phone.plain",
    type: "PHONE",
    category: "pii",
    severity: "medium",
    description: "Eight to fourteen digits without separators (an optional +), only next to a phone word (call, phone, mobile, WhatsApp...)",
    pattern: String.raw`(?<![\w+.-])\+?\d{8,14}(?!\w|-\d|\.\d)`,
    prefilter: SEVEN_DIGITS,
    prefilterWindow: DIGITS_WINDOW,
    validator: "phoneNational",
    // Only believed next to a phone word: a bare run of digits is usually an id or a timestamp.
    confidence: 0.4,
    context: { words: PHONE_WORDS, window: 40, after: 25 },
    negativeContext: { words: NOT_PHONE_WORDS, window: 30 },
    examples: {
      match: [
        { text: "please call me on 5550100199", value: "5550100199" },
        { text: "mobile: 15550100199", value: "15550100199" },
        { text: "whatsapp 07700900452", value: "07700900452" },
        { text: "m\xF3vil 616079102", value: "616079102" },
        { text: "https://api.whatsapp.com/send?phone=552131010133", value: "552131010133" }
      ],
      noMatch: [
        { text: "order 5550100199 was refunded", reason: "no phone word nearby: an order id" },
        { text: "timestamp 1700000000", reason: "a Unix timestamp" },
        { text: "call reference 555010019912345", reason: "too many digits" }
      ]
    }
  },
  {
    id: "pii.phone.labeled",
    type: "PHONE",
    category: "pii",
    severity: "medium",
    description: "A national number without a country code (7 to 15 digits in groups), only next to a phone word in one of many languages",
    // Groups of digits with separators, or the (0) of a trunk prefix; the context decides.
    pattern: String.raw`(?<![\w+./-])(?<!\d[-. /])(?:\d{1,5}[-. ]?)?(?:\(\d{1,5}\)[-. ]?|\d{1,6}[-. /])\d{1,8}(?:[-. /]\d{1,8}){0,5}` + PHONE_END,
    prefilter: SEVEN_DIGITS,
    prefilterWindow: DIGITS_WINDOW,
    validator: "phoneNational",
    confidence: 0.4,
    context: { words: PHONE_WORDS, window: 30, after: 20, boost: 0.35 },
    negativeContext: { words: NOT_PHONE_WORDS, window: 20 },
    examples: {
      match: [
        { text: "Phone: 60-56-85-91", value: "60-56-85-91" },
        { text: "Tel. 03-331 6005 (office)", value: "03-331 6005" },
        { text: "please call 699 956 915 after 5pm", value: "699 956 915" },
        { text: "Mobil: 0151 23456789", value: "0151 23456789" },
        { text: "\u96FB\u8A71: 03-1234-5678", value: "03-1234-5678" },
        { text: "\u041C\u043E\u0439 \u043D\u043E\u043C\u0435\u0440 8 (383) 561-79-60, \u0437\u0432\u043E\u043D\u0438\u0442\u0435", value: "8 (383) 561-79-60" },
        { text: "\u0915\u0943\u092A\u092F\u093E 75988 03619 \u092A\u0930 \u0915\u0949\u0932 \u0915\u0930\u0947\u0902\u0964", value: "75988 03619" }
      ],
      noMatch: [
        { text: "order 123 456 789 shipped, call us if it does not arrive", reason: "an order number (its own context word)" },
        { text: "released 2024-01-15, call me", reason: "a date" },
        { text: "room 12 34 56 is on the left", reason: "no phone word" }
      ]
    }
  }
];

// src/rules/providers.ts
var END = String.raw`(?![\w-])`;
var providers = [
  {
    id: "secret.huggingface",
    description: "Hugging Face user access token (hf_) or organisation API token (api_org_)",
    trigger: String.raw`hf_[A-Za-z]{8}|api_org_[A-Za-z]{8}`,
    pattern: String.raw`(?:hf|api_org)_(?<![\w]hf_|\wapi_org_)[A-Za-z]{34}${END}`,
    example: { text: "HF_TOKEN=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", value: "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" },
    near: { text: "the hf_hub_download function", reason: "a function name, not a 34-letter token" }
  },
  {
    id: "secret.gitlab",
    description: "GitLab token: personal, deploy, runner, trigger, feed, SCIM, OAuth and other gl\u2026- tokens",
    trigger: String.raw`gl(?:pat|oas|dt|rt|cbt|ptt|ft|imt|agent|soat|ffct|sst)-[\w-]{8}`,
    pattern: String.raw`gl(?:pat|oas|dt|rt|cbt|ptt|ft|imt|agent|soat|ffct|sst)-(?<![\w-]gl[a-z]{1,5}-)[\w-]{20,120}(?:\.[\w-]{2,12}){0,2}${END}`,
    example: { text: "export GITLAB_TOKEN=glpat-zei2nsBjcgqSf9Mh6nAo", value: "glpat-zei2nsBjcgqSf9Mh6nAo" },
    near: { text: "set glpat-<your token> in CI variables", reason: "a placeholder" }
  },
  {
    id: "secret.azure_ad_client_secret",
    description: "Microsoft Entra ID (Azure AD) client secret: three characters, a digit, Q~, then 31-34 more",
    trigger: String.raw`\dQ~[\w~.-]{8}`,
    pattern: String.raw`(?<![\w~.-])[\w~.]{3}\dQ~[\w~.-]{31,34}(?![\w~.-])`,
    example: { text: 'AZURE_CLIENT_SECRET="peo8Q~8tIlOsdVtXYQVHj~ui20VffI6WAoZGI"', value: "peo8Q~8tIlOsdVtXYQVHj~ui20VffI6WAoZGI" },
    near: { text: "ratio 4Q~2 of the market", reason: "too short to be a client secret" }
  },
  {
    id: "secret.discord_bot_token",
    description: "Discord bot token: base64 user id, timestamp and HMAC, separated by dots",
    trigger: String.raw`\.[\w-]{6}\.[\w-]{20}`,
    pattern: String.raw`(?<![\w.-])[MNO][A-Za-z\d]{23,27}\.[\w-]{6}\.[\w-]{27,38}${END}`,
    example: {
      text: 'bot.run("MHHvsrVNd5TF2W8NPk8PtSyRgt.hsrRIx.BIfdXsokWbblU77nZ4RCZZ7_CaYK5S9t-ydq5T")',
      value: "MHHvsrVNd5TF2W8NPk8PtSyRgt.hsrRIx.BIfdXsokWbblU77nZ4RCZZ7_CaYK5S9t-ydq5T"
    },
    near: { text: "Node.js v20.19.0 and Mozilla.compatible.string", reason: "dotted words, not a token" }
  },
  {
    id: "secret.discord_webhook",
    description: "Discord webhook URL: its token part",
    trigger: String.raw`discord(?:app)?\.com/api/webhooks/`,
    pattern: String.raw`discord(?:app)?\.com/api/webhooks/\d{17,20}/([\w-]{60,68})${END}`,
    group: 1,
    example: {
      text: "POST https://discord.com/api/webhooks/496465577220184301/ymojF6vBpS0u8h4MHO6zRU2xstM10wOJFPWefEUo5LCQxfokHzbonUHljxbC-yzPMq7a",
      value: "ymojF6vBpS0u8h4MHO6zRU2xstM10wOJFPWefEUo5LCQxfokHzbonUHljxbC-yzPMq7a"
    },
    near: { text: "see https://discord.com/api/webhooks/{id}/{token} in the docs", reason: "a URL template" }
  },
  {
    id: "secret.telegram_bot_token",
    description: "Telegram bot token: the bot id, a colon, then 35 characters starting with A",
    trigger: String.raw`\d:A[\w-]{8}`,
    pattern: String.raw`(?<![\w:])\d{5,16}:A[\w-]{34}${END}`,
    example: { text: "TELEGRAM_TOKEN=9859778966:AAIyWqf6dCqHJ-ZcD7co_yxYOuDB1a3pQJF", value: "9859778966:AAIyWqf6dCqHJ-ZcD7co_yxYOuDB1a3pQJF" },
    near: { text: "at 10:AM the meeting starts", reason: "a time, not a token" }
  },
  {
    id: "secret.slack_app_token",
    description: "Slack app-level (xapp-), refresh (xoxe-) and configuration tokens",
    trigger: String.raw`xapp-\d-|xoxe\.xox[bp]-|xoxe-\d-`,
    pattern: String.raw`(?:xapp-\d-[A-Z0-9]{8,14}-\d{8,16}-[a-f0-9]{32,80}|xoxe\.(?<![\w.-]xoxe\.)xox[bp]-\d-[A-Za-z0-9-]{100,250}|xoxe-(?<![\w.-]xoxe-)\d-[A-Za-z0-9-]{100,250})${END}`,
    example: "xapp-1-AVUXCJJDGDK-8149076401168-a373c04466610e18ec313ec5f415a777a809ecd572857c76df766d8eff19b472",
    near: { text: "generate an xapp-1-... token in the Slack console", reason: "a placeholder" }
  },
  {
    id: "secret.slack_webhook",
    description: "Slack incoming webhook URL: the part after /services/ (or /workflows/, /triggers/)",
    trigger: String.raw`hooks\.slack\.com/`,
    pattern: String.raw`hooks\.slack\.com/(?:services|workflows|triggers)/(T[A-Z0-9]{6,12}/[AB][A-Z0-9]{6,12}/[A-Za-z0-9]{20,32})${END}`,
    group: 1,
    example: {
      text: "curl -X POST https://hooks.slack.com/services/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",
      value: "T0HMZ8WOP/B660SF9WQRE/p44PwuDQjlaFgbWNg5Dq0Gn6"
    },
    near: { text: "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", reason: "Slack's documentation placeholder" }
  },
  {
    id: "secret.stripe_webhook_secret",
    description: "Stripe webhook signing secret (whsec_)",
    trigger: String.raw`whsec_[A-Za-z0-9]{8}`,
    pattern: String.raw`whsec_(?<!\wwhsec_)[A-Za-z0-9+/]{32,64}${END}`,
    example: { text: "STRIPE_WEBHOOK_SECRET=whsec_vwTVYWa0H5O2thvh72XOFEIxSsWoRtk6", value: "whsec_vwTVYWa0H5O2thvh72XOFEIxSsWoRtk6" },
    near: { text: "the secret starts with whsec_ and is shown once", reason: "the prefix alone" }
  },
  {
    id: "secret.npm_token",
    description: "npm access token (npm_ and 36 characters)",
    trigger: String.raw`npm_[A-Za-z0-9]{8}`,
    pattern: String.raw`npm_(?<!\wnpm_)[A-Za-z0-9]{36}${END}`,
    example: { text: "//registry.npmjs.org/:_authToken=npm_NndNB8sxZ402tg3qv3AAdeChOGxR0GgYKYsB", value: "npm_NndNB8sxZ402tg3qv3AAdeChOGxR0GgYKYsB" },
    near: { text: "run npm_config_cache=/tmp npm ci", reason: "an npm environment variable" }
  },
  {
    id: "secret.pypi_token",
    description: "PyPI API token (pypi- and a macaroon)",
    trigger: String.raw`pypi-AgEIcHlwaS5vcmc`,
    pattern: String.raw`pypi-AgEIcHlwaS5vcmc[\w-]{50,}${END}`,
    example: "pypi-AgEIcHlwaS5vcmcOeQgriLQlmfURSl4Km7ikGhC6ERD4AUrDlxKs5HdlBlg1uIDV1Lkurpv4hCiHAGeNuAAEF",
    near: { text: "password = pypi-AgEIcHlwaS5vcmc... (truncated)", reason: "the prefix of a truncated token" }
  },
  {
    id: "secret.sentry",
    description: "Sentry auth token (sntrys_, sntryu_) or the key of a DSN",
    // A DSN on sentry.io or on a self-hosted server: https://KEY@host/PROJECT (KEY:SECRET in old DSNs).
    trigger: String.raw`sntry[su]_|://[a-f0-9]{32}[:@]`,
    pattern: String.raw`(?:sntrys_eyJ[\w=.+/-]{60,}|sntryu_[a-f0-9]{64}|(?<=https?://)[a-f0-9]{32}(?=(?::[a-f0-9]{32})?@[\w.-]{1,253}(?::\d{1,5})?/\d{1,12}(?![\w.-])))${END}`,
    example: { text: "SENTRY_DSN=https://96bd7a31b241ce4104e736ad6f684267@o4504.ingest.sentry.io/4505", value: "96bd7a31b241ce4104e736ad6f684267" },
    near: { text: "https://public@sentry.example.com/1", reason: "not a Sentry key" },
    also: [{ text: "sentry:\n  dsn: https://f33feff9243a8f506b40928b5b7a767c@sentry.example.com/4", value: "f33feff9243a8f506b40928b5b7a767c" }]
  },
  {
    id: "secret.notion",
    description: "Notion integration token (secret_ with 43 characters, or ntn_)",
    trigger: String.raw`secret_[A-Za-z0-9]{8}|ntn_\d{8}`,
    pattern: String.raw`(?:secret_(?<!\wsecret_)[A-Za-z0-9]{43}|ntn_(?<!\wntn_)\d{11}[A-Za-z0-9]{35})${END}`,
    example: { text: "NOTION_TOKEN=secret_gZoukicE5VM6jMXwijUgzmwbkwQRGW4fOA5UB0nz4bH", value: "secret_gZoukicE5VM6jMXwijUgzmwbkwQRGW4fOA5UB0nz4bH" },
    near: { text: "the field secret_key_base is required", reason: "a field name" }
  },
  {
    id: "secret.vault",
    description: "HashiCorp Vault service or batch token (hvs., hvb.)",
    trigger: String.raw`hv[sb]\.[\w-]{8}`,
    pattern: String.raw`hv[sb]\.(?<![\w.-]hv.\.)[\w-]{24,200}${END}`,
    example: { text: "export VAULT_TOKEN=hvs.S_85bSvci4gyXLHcuSu4Dmdz", value: "hvs.S_85bSvci4gyXLHcuSu4Dmdz" },
    near: { text: "token type hvs. (service) or hvb. (batch)", reason: "the prefix alone" }
  },
  {
    id: "secret.onepassword",
    description: "1Password service account token (ops_ and a JWT-like payload)",
    trigger: String.raw`ops_eyJ`,
    pattern: String.raw`ops_(?<!\wops_)eyJ[A-Za-z0-9+/=_-]{100,}`,
    example: "ops_eyJdcSqGsVlaFoZkZGaSo9LJre/WH1FM8La5uD0EHnsYbM/Kzs3XfAuPyCsq2Zel14tvXfsBIswnrqgdV6xxxTyv0bPO5M/kvBp0X3ES8uWweQBUFcQQu00xGg/UdErpmW05/zstiakcnQj",
    near: { text: "OP_SERVICE_ACCOUNT_TOKEN=ops_eyJ...", reason: "a truncated placeholder" }
  },
  {
    id: "secret.doppler",
    description: "Doppler token (dp.pt., dp.st. with its environment, dp.sa., dp.ct., dp.scim., dp.audit.)",
    trigger: String.raw`dp\.(?:pt|st|sa|ct|scim|audit)\.`,
    pattern: String.raw`dp\.(?<![\w.]dp\.)(?:pt|st(?:\.[a-z0-9_-]{1,40})?|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44}${END}`,
    example: { text: "DOPPLER_TOKEN=dp.pt.pjZR1X3xxsVABLRRrUIuldPX4QmhUxX9AvVoEnYQNKv", value: "dp.pt.pjZR1X3xxsVABLRRrUIuldPX4QmhUxX9AvVoEnYQNKv" },
    near: { text: "see dp.pt.example in the docs", reason: "too short" },
    also: [{ text: "DOPPLER_TOKEN=dp.st.dev.J59FHz5r1pY4OjE2jBMptUsGr7CmYuCu3ZR1zTOlU", value: "dp.st.dev.J59FHz5r1pY4OjE2jBMptUsGr7CmYuCu3ZR1zTOlU" }]
  },
  {
    id: "secret.databricks",
    description: "Databricks personal access token (dapi and 32 hex digits)",
    trigger: String.raw`dapi[a-f0-9]{8}`,
    pattern: String.raw`dapi(?<!\wdapi)[a-f0-9]{32}(?:-\d)?${END}`,
    example: { text: "DATABRICKS_TOKEN=dapi48f5f56a3d61226d37e510e4fd5c2b65", value: "dapi48f5f56a3d61226d37e510e4fd5c2b65" },
    near: { text: "the dapi prefix marks a token", reason: "the prefix alone" }
  },
  {
    id: "secret.flyio",
    description: "Fly.io token (fo1_, or fm1/fm2 macaroons after FlyV1)",
    trigger: String.raw`fo1_[\w-]{8}|fm[12][ar]?_[A-Za-z0-9+/]{8}`,
    pattern: String.raw`(?:fo1_(?<![\w-]fo1_)[\w-]{43}|fm[12][ar]?_(?<!\wfm.{1,2}_)[A-Za-z0-9+/]{100,}={0,2})${END}`,
    example: {
      text: 'FLY_API_TOKEN="FlyV1 fm2_9sCLsp5xA0/awt8qHSS3cK/odUd0pprqGQH19v8WcUB7xEsLm97fIcRDwMPJy0HpC3Xc9yIude1LHR9VAInuVGA61hAbWC3BgZXJZu1p7Mquj8i7S+19GQfY"',
      value: "fm2_9sCLsp5xA0/awt8qHSS3cK/odUd0pprqGQH19v8WcUB7xEsLm97fIcRDwMPJy0HpC3Xc9yIude1LHR9VAInuVGA61hAbWC3BgZXJZu1p7Mquj8i7S+19GQfY"
    },
    near: { text: "the fo1_ prefix is a Fly.io token", reason: "the prefix alone" }
  },
  {
    id: "secret.sourcegraph",
    description: "Sourcegraph access token (sgp_, sgp_local_)",
    trigger: String.raw`sgp_[a-f0-9]{8}|sgp_local_`,
    pattern: String.raw`sgp_(?<!\wsgp_)(?:[a-f0-9]{16}_|local_)?[a-f0-9]{40}${END}`,
    example: "sgp_68b41d5f92bb4f84_f50ac9214b07e2d90bf9a50f7514a89ed0fb0507",
    near: { text: "sgp_ tokens are shown once", reason: "the prefix alone" },
    also: [{ text: "this key sgp_local_f33feff9243a8f506b40928b5b7a767c76fb008f fails", value: "sgp_local_f33feff9243a8f506b40928b5b7a767c76fb008f" }]
  },
  {
    id: "secret.twilio_api_key",
    description: "Twilio API key SID (SK and 32 hex digits)",
    trigger: String.raw`SK[a-fA-F0-9]{8}`,
    pattern: String.raw`SK(?<![\w]SK)[a-fA-F0-9]{32}${END}`,
    example: { text: "TWILIO_API_KEY=SKb9285127e3a4bd788421835170996047", value: "SKb9285127e3a4bd788421835170996047" },
    near: { text: "TASK1234567890abcdef1234567890abcdef", reason: "SK inside a word" }
  },
  {
    id: "secret.mailgun",
    description: "Mailgun API key (key- and 32 hex digits)",
    trigger: String.raw`key-[a-f0-9]{8}`,
    pattern: String.raw`key-(?<![\w-]key-)[a-f0-9]{32}${END}`,
    example: { text: "api:key-44cef34b36f9bfca4ed018d97849fed3", value: "key-44cef34b36f9bfca4ed018d97849fed3" },
    near: { text: "primary-key-column is id", reason: "not hex after key-" }
  },
  {
    id: "secret.shopify",
    description: "Shopify access token, shared secret, custom app or partner token (shpat_, shpss_, shpca_, shppa_)",
    trigger: String.raw`shp(?:at|ss|ca|pa)_[a-fA-F0-9]{8}`,
    pattern: String.raw`shp(?:at|ss|ca|pa)_(?<!\wshp.._)[a-fA-F0-9]{32}${END}`,
    example: { text: "X-Shopify-Access-Token: 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", value: "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" },
    near: { text: "shpat_ tokens start like this", reason: "the prefix alone" }
  },
  {
    id: "secret.atlassian",
    description: "Atlassian API token (ATATT3 and about 186 more characters)",
    trigger: String.raw`ATATT3[\w=-]{8}`,
    pattern: String.raw`ATATT3(?<!\wATATT3)[\w=-]{150,220}${END}`,
    example: "ATATT3xFfGF0ybGRa52R470BgV3FxVg_wx0gCB3TeiBuYeOshYgGHvegagV1uFpbPGVJz-R_OlLc-4pSQNak8Bo6oCLEd2sIwViN4F2-FF3KQBrpcVnKeqZ5tHy19AIbtn44qarifyWuktN03MjjoXnImAnxawVTFiLhOQF5HMHQmGi0gHHPQ3FxdvCJnZdX=CFD75B11",
    near: { text: "tokens start with ATATT3xFfGF0", reason: "the prefix alone" }
  },
  {
    id: "secret.digitalocean",
    description: "DigitalOcean personal access, OAuth or refresh token (dop_v1_, doo_v1_, dor_v1_)",
    trigger: String.raw`do[por]_v1_[a-f0-9]{8}`,
    pattern: String.raw`do[por]_v1_(?<!\wdo._v1_)[a-f0-9]{64}${END}`,
    example: "dop_v1_d7d1d54f1d9c0fccd2bbd8fab79441a6c216c08468f8005924e6a076ace991a6",
    near: { text: "dop_v1_ is the personal token prefix", reason: "the prefix alone" }
  },
  {
    id: "secret.grafana",
    description: "Grafana service account token (glsa_) or Grafana Cloud token (glc_)",
    trigger: String.raw`gl(?:sa|c)_[A-Za-z0-9]{8}`,
    pattern: String.raw`(?:glsa_(?<!\wglsa_)[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_(?<!\wglc_)[A-Za-z0-9+/]{32,400}={0,2})(?![\w+/=-])`,
    example: "glsa_1Jhv9tusuTqDh6Neon6rv9wDANhf8lnI_334ce901",
    near: { text: "the glc_ prefix marks a Grafana Cloud token", reason: "the prefix alone" }
  },
  {
    id: "secret.postman",
    description: "Postman API key (PMAK-)",
    trigger: String.raw`PMAK-[a-f0-9]{8}`,
    pattern: String.raw`PMAK-(?<!\wPMAK-)[a-f0-9]{24}-[a-f0-9]{34}${END}`,
    example: "PMAK-20bce0cc8e7f53f2a382e878-ac49e56e538485060e17d17a6ccccc0f12",
    near: { text: "keys look like PMAK-xxxx", reason: "a placeholder" }
  },
  {
    id: "secret.linear",
    description: "Linear API key (lin_api_)",
    trigger: String.raw`lin_api_[A-Za-z0-9]{8}`,
    pattern: String.raw`lin_api_(?<!\wlin_api_)[A-Za-z0-9]{40}${END}`,
    example: "lin_api_xDArJOFRpwCkJ7czG77pnbXKWH8FElt2yvHaV2rq",
    near: { text: "lin_api_ keys are personal", reason: "the prefix alone" }
  },
  {
    id: "secret.heroku",
    description: "Heroku API key in its HRKU- form",
    trigger: String.raw`HRKU-[\w-]{8}`,
    pattern: String.raw`HRKU-(?<![\w-]HRKU-)[\w-]{60}${END}`,
    example: "HRKU-AAm8vX9t3hfPWnC7ljiEzbyRG9lXy_ATP3C9IH5FI9-Au1VQzP9tUIHb38gu",
    near: { text: "HRKU-XXXX (your key)", reason: "a placeholder" }
  },
  {
    id: "secret.google_api_key",
    description: "Google API key (AIza and 35 characters): Maps, Gemini, Firebase",
    trigger: String.raw`AIza[\w-]{8}`,
    pattern: String.raw`AIza(?<![\w-]AIza)[\w-]{35}${END}`,
    example: { text: "generateContent?key=AIzaPtYgjmUhBel31iEl2hpChYgCfrL1spNxnyV", value: "AIzaPtYgjmUhBel31iEl2hpChYgCfrL1spNxnyV" },
    near: { text: "keys look like AIza...", reason: "the prefix alone" }
  },
  {
    id: "secret.aws_session_token",
    description: "AWS temporary session token (the STS formats that start IQoJb3JpZ2lu or FwoGZXIvYXdzE)",
    trigger: String.raw`IQoJb3JpZ2lu|FwoGZXIvYXdzE`,
    pattern: String.raw`(?:IQoJb3JpZ2lu(?<![\w+/]IQoJb3JpZ2lu)|FwoGZXIvYXdzE(?<![\w+/]FwoGZXIvYXdzE))[A-Za-z0-9+/]{80,4000}={0,2}(?![\w+/=])`,
    example: {
      text: "AWS_SESSION_TOKEN: IQoJb3JpZ2luX2VjmihA/2O76UMFxFkM/R5Kjp1vRt+1fjORS/6ilI8ihN5KXSc7Tvo/hBKqFYY/kv5ZJr3J1TWDtkwtDDb+xHKas1VOqg6YYZYn9ZhyiA4uoRgnatmUdjAWtGSU",
      value: "IQoJb3JpZ2luX2VjmihA/2O76UMFxFkM/R5Kjp1vRt+1fjORS/6ilI8ihN5KXSc7Tvo/hBKqFYY/kv5ZJr3J1TWDtkwtDDb+xHKas1VOqg6YYZYn9ZhyiA4uoRgnatmUdjAWtGSU"
    },
    near: { text: "the token starts with IQoJb3JpZ2lu", reason: "the prefix alone" }
  },
  {
    id: "secret.twilio_credentials",
    description: "Twilio auth token or API key secret passed right after its account SID (AC...) or API key (SK...)",
    trigger: String.raw`AC[a-f0-9]{32}|SK[a-fA-F0-9]{32}`,
    pattern: String.raw`(?:AC[a-f0-9]{32}|SK[a-fA-F0-9]{32})["']?\s{0,3},\s{0,3}["']([A-Za-z0-9]{32})(?![\w-])`,
    group: 1,
    example: { text: 'Client("ACf33feff9243a8f506b40928b5b7a767c", "76fb008f86bebb2737f6a6f0fb23c6f5")', value: "76fb008f86bebb2737f6a6f0fb23c6f5" },
    near: { text: 'Client("ACf33feff9243a8f506b40928b5b7a767c", token)', reason: "a variable, not the token" }
  },
  {
    id: "secret.azure_sas",
    description: "Signature of an Azure shared access signature URL (sig=)",
    trigger: String.raw`[?&]sig=[A-Za-z0-9%+/]{16}`,
    pattern: String.raw`[?&]sig=([A-Za-z0-9%+/]{30,200}={0,2})(?![\w%+/=])`,
    group: 1,
    example: {
      text: "https://acme.blob.core.windows.net/backups/db.bak?sv=2022-11-02&sp=rl&sig=Stqcbnr3yBdGBLEPH1qhT61qtc4xatws8phP9nhFyJf%3D",
      value: "Stqcbnr3yBdGBLEPH1qhT61qtc4xatws8phP9nhFyJf%3D"
    },
    near: { text: "append &sig=<signature> to the URL", reason: "a placeholder" }
  },
  {
    id: "secret.docker_auth",
    description: 'Registry credentials in a Docker config.json ("auth": base64 of user:password)',
    trigger: String.raw`"auth"\s{0,3}:\s{0,3}"`,
    pattern: String.raw`"auth"\s{0,3}:\s{0,3}"([A-Za-z0-9+/]{8,400}={0,2})"`,
    group: 1,
    validator: "basicAuth",
    example: { text: '{"auths": {"registry.example.com": {"auth": "ZGVwbG95OlhnR0NKYlc1NmVDdU5HTUdtUw=="}}}', value: "ZGVwbG95OlhnR0NKYlc1NmVDdU5HTUdtUw==" },
    near: { text: '{"auth": "dXNlcm5hbWU6cGFzc3dvcmQ="}', reason: "username:password, the documentation example" }
  }
];
var PROVIDER_PREFILTER = providers.map((p) => p.trigger).join("|");
var providerRules = providers.map((p) => ({
  id: p.id,
  type: "SECRET",
  category: "secret",
  severity: "critical",
  description: p.description,
  prefilter: PROVIDER_PREFILTER,
  pattern: p.pattern,
  ...p.group === void 0 ? {} : { group: p.group },
  validator: p.validator ?? "token",
  confidence: p.confidence ?? 0.95,
  examples: { match: [p.example, ...p.also ?? []], noMatch: [p.near] }
}));

// src/rules/secrets.ts
var common = { type: "SECRET", category: "secret", severity: "critical" };
var prefixed = { ...common, prefilter: TOKEN_PREFIXES };
var END2 = String.raw`(?![\w-])`;
var PASSWORD_WORDS = [
  "password",
  "passcode",
  "passphrase",
  "passwort",
  "kennwort",
  "mot de passe",
  "contrase\xF1a",
  "contrasena",
  "clave",
  "senha",
  "has\u0142o",
  "haslo",
  "\u015Fifre",
  "\u015Fifrem",
  "\u015Fifreniz",
  "sifre",
  "sifrem",
  "\u043F\u0430\u0440\u043E\u043B\u044C",
  "wachtwoord",
  "l\xF6senord",
  "salasana",
  "adgangskode",
  "passord",
  "heslo",
  "jelsz\xF3",
  "parola",
  "pass",
  "\u03BA\u03C9\u03B4\u03B9\u03BA\u03CC\u03C2",
  "\u03BA\u03C9\u03B4\u03B9\u03BA\u03CC",
  "m\u1EADt kh\u1EA9u",
  "kata sandi",
  "sandi",
  "\u30D1\u30B9\u30EF\u30FC\u30C9",
  "\uBE44\uBC00\uBC88\uD638",
  "\uC554\uD638",
  "\u5BC6\u7801",
  "\u5BC6\u78BC",
  "\u0643\u0644\u0645\u0629 \u0627\u0644\u0645\u0631\u0648\u0631",
  "\u0643\u0644\u0645\u0629 \u0627\u0644\u0633\u0631",
  "\u092A\u093E\u0938\u0935\u0930\u094D\u0921"
];
var CASED = String.raw`a-zA-Z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF`;
var LINKING_WORDS = [
  "is",
  "was",
  "now",
  "still",
  "es",
  "era",
  "est",
  "ist",
  "war",
  "\xE8",
  "\xE9",
  "e",
  "to",
  "jest",
  "\xE4r",
  "er",
  "je",
  "on",
  "this",
  "\u044D\u0442\u043E",
  "\u0431\u044B\u043B",
  "\u0431\u044B\u043B\u0430",
  "hoy",
  "ahora",
  "actual",
  "actuelle",
  "aktuell",
  "atual",
  "nuevo",
  "nouveau",
  "neues",
  "new",
  "hier",
  "de",
  "do",
  "da",
  "du",
  "wifi",
  "wlan",
  "\u0627\u0644\u062E\u0627\u0635\u0629",
  "\u0628\u064A",
  "\u0647\u064A",
  "\u0647\u0648",
  "\u0939\u0948",
  "\u0925\u093E",
  "temporal",
  "temporary",
  "temporaire",
  "c'est",
  "c\u2019est",
  "to",
  "l\xE0",
  "la",
  "ist:",
  ":",
  "=",
  "-",
  "\u2014"
].map((w) => w.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`));
var phraseGap = (follow) => {
  const links = String.raw`(?:\s{1,3}(?:${LINKING_WORDS.join("|")})${follow}){0,3}[\s「『«“]{1,3}`;
  return String.raw`(?:(?:\s{0,2}[:：=]|[はが는은是为為])(?:${links}|[「『«“]?)|${links})`;
};
var PHRASE_SYMBOL = String.raw`[\d!#-&(-/:-@[-\x60{-~\xA1-\xBF\xD7\xF7\u20AC]`;
var ASSIGNMENT_PREFILTER = String.raw`(?:key(?:[_-]?(?:base|id))?|secret|token|passw(?:or)?d|pwd|pass(?:phrase)?|kennwort|passwort|contraseña|senha|wachtwoord)` + String.raw`["']?[ \t]{0,3}(?:=>|[:=>]|is|was)`;
var secretRules = [
  {
    ...prefixed,
    id: "secret.aws_access_key_id",
    description: "AWS access key id (AKIA long-term, ASIA temporary)",
    pattern: String.raw`(?:AKIA|ASIA|ABIA|ACCA)(?<![A-Za-z0-9]....)[A-Z0-9]{16}(?![A-Za-z0-9])`,
    validator: "token",
    confidence: 0.95,
    examples: {
      match: ["AKIAQKIK5I72IFRJ3LW4", { text: "AWS_ACCESS_KEY_ID=ASIARTHAWRVBPAM2FXOC", value: "ASIARTHAWRVBPAM2FXOC" }],
      noMatch: [
        { text: "sample: AKIAXXXXXXXXXXXXXXXX", reason: "a placeholder" },
        { text: "AKIA123", reason: "too short" }
      ]
    }
  },
  {
    ...prefixed,
    id: "secret.github_token",
    description: "GitHub token (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_)",
    pattern: String.raw`(?:gh[pousr]_(?<!\wgh._)[A-Za-z0-9]{36}|github_pat_(?<!\wgithub_pat_)[A-Za-z0-9_]{82})(?![\w])`,
    validator: "token",
    confidence: 0.95,
    examples: {
      match: [{ text: "token ghp_LnQjKwRcZj7mQiM8saGYA7pEZ0Ib3nf1k3d5 leaked", value: "ghp_LnQjKwRcZj7mQiM8saGYA7pEZ0Ib3nf1k3d5" }],
      noMatch: [
        { text: "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", reason: "a placeholder" },
        { text: "ghp_short", reason: "too short" }
      ]
    }
  },
  {
    ...prefixed,
    id: "secret.anthropic_key",
    description: "Anthropic API key",
    pattern: String.raw`sk-ant-(?<![\w-]sk-ant-)(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,120}` + END2,
    validator: "token",
    confidence: 0.95,
    examples: {
      match: ["sk-ant-api03-7c6OmCerg6Epz7eVWyR4bj008vVXrHsojjMWlRh2QAUzjF8tmrmaOE7HinzCslSHr6pBMslVniNf-gFZu7hR0OB8R-HUmAA"],
      noMatch: [{ text: "export ANTHROPIC_API_KEY=sk-ant-...", reason: "a placeholder" }]
    }
  },
  {
    ...prefixed,
    id: "secret.openai_key",
    description: "OpenAI API key (sk-, sk-proj-, sk-svcacct-)",
    pattern: String.raw`sk-(?<![\w-]sk-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,200}` + END2,
    validator: "secretValue",
    confidence: 0.9,
    examples: {
      match: [{ text: "openai.api_key = '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'", value: "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" }],
      noMatch: [
        { text: "set OPENAI_API_KEY=sk-...", reason: "a placeholder" },
        { text: "sk-xxxxxxxxxxxxxxxxxxxxxxxx", reason: "a placeholder" },
        { text: "pip install scikit-learn (sk-learn)", reason: "not a key" }
      ]
    }
  },
  {
    ...prefixed,
    id: "secret.slack_token",
    description: "Slack token (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-)",
    pattern: String.raw`xox[abposr]-(?<![\w-]xox.-)[0-9A-Za-z-]{10,250}` + END2,
    validator: "token",
    confidence: 0.95,
    examples: {
      match: ["xoxb-191378748339-60226557611-e18522f876b3dc7d02fa2f22"],
      noMatch: [{ text: "xoxb-your-token-here", reason: "a placeholder" }]
    }
  },
  {
    ...prefixed,
    id: "secret.stripe_key",
    description: "Stripe secret or restricted key (not publishable pk_ keys)",
    pattern: String.raw`(?:sk|rk)_(?:live|test)_(?<![\w].k_(?:live|test)_)[0-9A-Za-z]{16,250}(?![\w])`,
    validator: "token",
    confidence: 0.95,
    examples: {
      match: ["sk_live_jGHuU9GlPODmc6VLnpmtypuH", { text: 'key "rk_live_gKBCIIEuGS1sNfwnFpjKUrWpK0RQk3YG"', value: "rk_live_gKBCIIEuGS1sNfwnFpjKUrWpK0RQk3YG" }],
      noMatch: [{ text: "pk_live_6o3ApnWXl7T3iNmZkuPJIR9x is public", reason: "a publishable key is meant for browsers" }]
    }
  },
  {
    ...prefixed,
    id: "secret.jwt",
    description: "JSON Web Token, signed or not (alg none: an empty signature, or only header and payload)",
    pattern: String.raw`eyJ(?<![\w.-]eyJ)[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]{8,}|\.)?(?![\w.-])`,
    validator: "jwt",
    confidence: 0.9,
    examples: {
      match: [
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyXzU0NTU0MiJ9.UeucVio76Q_IwyIIQTl2v5rDHGgtW6hsrr1LmOzvddM",
        {
          text: "token=eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ1c2VyXzEifQ. (unsigned)",
          value: "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ1c2VyXzEifQ."
        },
        { text: "claims eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyXzIifQ sent", value: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyXzIifQ" }
      ],
      noMatch: [{ text: "eyJub3QiOiJqd3QifQ.eyJhIjoxMjM0NTY3OH0.abcdefghijk", reason: "the header has no alg" }]
    }
  },
  {
    ...common,
    id: "secret.private_key",
    description: "PEM private key block (RSA, EC, DSA, OPENSSH, ENCRYPTED, PKCS#8) or PGP private key block",
    keywords: ["PRIVATE KEY"],
    // The body never contains "-----", so a BEGIN without an END costs one scan, not one per BEGIN.
    pattern: String.raw`-----BEGIN (?:[A-Z0-9]+ ){0,2}PRIVATE KEY(?: BLOCK)?-----(?:[^-]|-(?!----)){16,16384}-----END (?:[A-Z0-9]+ ){0,2}PRIVATE KEY(?: BLOCK)?-----`,
    confidence: 0.99,
    examples: {
      match: [
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAfakefakefakefakefake\n-----END RSA PRIVATE KEY-----",
        "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBGVfakefakefakefakefakefake\n=Zx9Q\n-----END PGP PRIVATE KEY BLOCK-----"
      ],
      noMatch: [{ text: "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOC\n-----END PUBLIC KEY-----", reason: "a public key" }]
    }
  },
  {
    ...prefixed,
    id: "secret.bearer_token",
    description: 'Opaque token after "Authorization: Bearer"',
    pattern: String.raw`(?:Bearer|bearer|BEARER)(?<![A-Za-z]\w{6})\s{1,4}([A-Za-z0-9._~+/-]{20,500}=*)`,
    group: 1,
    validator: "secretValue",
    confidence: 0.85,
    examples: {
      match: [{ text: "-H 'Authorization: Bearer Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5'", value: "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5" }],
      noMatch: [{ text: "Authorization: Bearer <YOUR_TOKEN_HERE_PLEASE>", reason: "a placeholder" }]
    }
  },
  {
    ...common,
    id: "secret.url_password",
    description: "Password inside a URL (scheme://user:password@host)",
    keywords: ["://"],
    pattern: String.raw`:\/\/[^\s:/@]{0,64}:([^\s:/@]{6,128})@`,
    group: 1,
    validator: "password",
    confidence: 0.85,
    examples: {
      match: [
        { text: "DATABASE_URL=postgres://app:gAqqOcnk3hj8brBOJjE5@db.internal:5432/prod", value: "gAqqOcnk3hj8brBOJjE5" },
        { text: "url: redis://:Tq6UBkZk3VF1Z6K5rQ@redis:6379/0", value: "Tq6UBkZk3VF1Z6K5rQ" }
      ],
      noMatch: [
        { text: "postgres://user:<password>@localhost/db", reason: "a placeholder" },
        { text: "postgres://user:password@localhost:5432/mydb", reason: "the documentation default" }
      ]
    }
  },
  {
    ...common,
    id: "secret.sendgrid_key",
    description: "SendGrid API key",
    keywords: ["SG."],
    pattern: String.raw`SG\.(?<![\w.]SG\.)[\w-]{22}\.[\w-]{43}(?![\w-])`,
    validator: "token",
    confidence: 0.95,
    examples: {
      match: ["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"],
      noMatch: [{ text: "SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", reason: "a placeholder" }]
    }
  },
  {
    ...common,
    id: "secret.azure_storage_key",
    description: "Azure storage account key in a connection string",
    keywords: ["AccountKey="],
    pattern: String.raw`AccountKey=([A-Za-z0-9+/]{86}==)`,
    group: 1,
    validator: "token",
    confidence: 0.95,
    examples: {
      match: [
        {
          text: "AccountName=logs;AccountKey=6wni3eyw/pHeDryn0V4P5GE1JaWQ8SnJqd5q/BcCiHALbUaAqx/lYGDxXszbUTkIfqBrpy0DM3XcGThCsZYqkJ==;EndpointSuffix=core",
          value: "6wni3eyw/pHeDryn0V4P5GE1JaWQ8SnJqd5q/BcCiHALbUaAqx/lYGDxXszbUTkIfqBrpy0DM3XcGThCsZYqkJ=="
        }
      ],
      noMatch: [{ text: "AccountKey=<your-key>", reason: "a placeholder" }]
    }
  },
  {
    ...common,
    id: "secret.cli_password",
    description: "Password given on a command line: mysql -pSECRET, --password=SECRET, --db-password SECRET, if it is random enough",
    keywords: [" -p", "	-p", "-password"],
    pattern: String.raw`(?:[ \t]-p|--(?:[a-z]{1,20}-){0,2}password[= ])([^\s'"]{8,128})`,
    group: 1,
    validator: "secretValue",
    confidence: 0.8,
    examples: {
      match: [
        { text: "mysql -u root -pBk85aerJ2WFQ0cN8e6KvnxLHUz3dRkmKyUE chatbot_prod", value: "Bk85aerJ2WFQ0cN8e6KvnxLHUz3dRkmKyUE" },
        { text: "psql --password=Zq8vN3kLp0XwR7tY2mB5", value: "Zq8vN3kLp0XwR7tY2mB5" },
        { text: "backup-tool --db-password LXicaBAg8WY1jzIR --out /tmp", value: "LXicaBAg8WY1jzIR" }
      ],
      noMatch: [
        { text: "mkdir -p /var/lib/chatbot/logs2024", reason: "a flag followed by a path" },
        { text: "ssh -p 2222 host", reason: "a port" }
      ]
    }
  },
  {
    ...common,
    id: "secret.cli_password_arg",
    description: "Password after the flag of a command that takes one: sshpass -p, docker login -p, redis-cli -a, or quoted right after -p (mysql -p'SECRET')",
    keywords: [" -p ", " -a ", " -p'", ' -p"', "	-p'", '	-p"'],
    // A space after -p only here: for other commands -p is a port or "make parents". Up to three
    // words between login and -p (the registry, -u and the user), none starting with a dash.
    // Single spaces, as commands are typed: a keyword is then in every match.
    pattern: String.raw`(?:(?:\bsshpass -p|\b(?:docker|podman|buildah|nerdctl|skopeo|oras|helm registry) login` + String.raw`(?: (?:-u|--username) [^\s]{1,64}| [^\s-][^\s]{0,253}){0,3} -p` + String.raw`|\bredis-cli(?: (?:-[hpn]|--(?:host|port|user)) [^\s]{1,253}| [^\s-][^\s]{0,253}){0,4} -a) ['"]?|[ \t]-p['"])([^\s'"]{4,128})`,
    group: 1,
    validator: "passwordValue",
    confidence: 0.85,
    examples: {
      match: [
        { text: "sshpass -p k9Wn-TdT2 ssh deploy@host", value: "k9Wn-TdT2" },
        { text: "docker login registry.example.com -u ci -p ak6J0kGOD.KdinZn", value: "ak6J0kGOD.KdinZn" },
        { text: "mysql -h 10.0.0.5 -u root -p'Marmelade8899' shop", value: "Marmelade8899" },
        { text: "sshpass -p 'bKRIYpvXed2V' ssh root@host", value: "bKRIYpvXed2V" },
        { text: "redis-cli -h 10.0.0.7 -a QPWeFeGjz1Cx ping", value: "QPWeFeGjz1Cx" }
      ],
      noMatch: [
        { text: "docker login -u ci -p $REGISTRY_PASSWORD", reason: "a variable reference" },
        { text: "grep -a pattern file", reason: "not redis-cli" }
      ]
    }
  },
  {
    ...common,
    id: "secret.sql_password",
    description: "A password in SQL: CREATE USER ... IDENTIFIED BY 'SECRET', WITH PASSWORD 'SECRET'",
    keywords: ["identified by", "password"],
    pattern: String.raw`\b(?:identified by|password)\s{1,4}'([^'\s]{4,128})'`,
    flags: "i",
    group: 1,
    validator: "passwordValue",
    confidence: 0.85,
    examples: {
      match: [
        { text: "ALTER USER 'app'@'%' IDENTIFIED BY 'jcBWndpb-jjzS';", value: "jcBWndpb-jjzS" },
        { text: "CREATE USER reporting WITH PASSWORD 'mariposa5963';", value: "mariposa5963" }
      ],
      noMatch: [{ text: "CREATE USER app WITH PASSWORD '<password>';", reason: "a placeholder" }]
    }
  },
  {
    ...common,
    id: "secret.config_key_value",
    description: 'A credential in a key/value pair of an XML config (<add key="DB_PASSWORD" value="SECRET" />) or a shell setter (aws configure set aws_secret_access_key SECRET)',
    keywords: ["value=", "configure set"],
    pattern: String.raw`(?:\bkey="[\w.:-]{0,60}(?:secret|token|password|passwd|pwd|api[_-]?key|access[_-]?key|private[_-]?key|auth)[\w.:-]{0,30}"\s{1,4}value="` + String.raw`|\bconfigure set [\w.]{0,60}(?:secret|token|password|key)[\w.]{0,30} )([^\s"<>]{8,256})`,
    flags: "i",
    group: 1,
    validator: "passwordValue",
    confidence: 0.85,
    examples: {
      match: [
        { text: '<add key="SESSION_SECRET" value="cf44078a94bc0322f61d" />', value: "cf44078a94bc0322f61d" },
        { text: "aws configure set aws_secret_access_key i1KVjVy6toQWYhydZfCntV6e", value: "i1KVjVy6toQWYhydZfCntV6e" }
      ],
      noMatch: [{ text: '<add key="TOKEN_TTL" value="3600" />', reason: "no letter: a number" }]
    }
  },
  {
    ...common,
    id: "secret.generic_assignment",
    description: "A value assigned to a key, secret, token or password, if it is random enough (entropy >= 3.3 bits/char)",
    prefilter: ASSIGNMENT_PREFILTER,
    // A quoted value runs to its closing quote; an unquoted one stops at the first character a
    // token does not use (so "token=abc&expires=60" ends at the &).
    pattern: String.raw`(?:(?:api|access|secret|client|private|encryption|signing|master|account|storage|app|auth|session|jwt|hmac|license|service)[_-]?key(?:[_-]?(?:base|id))?` + String.raw`|apikey|client[_-]?secret|secret|token|passwd|password|pwd|(?<![a-z])pass(?:phrase)?)` + String.raw`["']?[ \t]{0,3}(?:=>|[:=>]|\b(?:is|was)\b)[ \t]{0,3}["']?` + String.raw`(?:base64:)?((?<=")[^"\s]{12,256}(?=")|(?<=')[^'\s]{12,256}(?=')|(?<![\w"'])[A-Za-z0-9+/_!#$%^*~.@-]{12,128}={0,2}(?![A-Za-z0-9+/_!#$%^*~.@=-]))`,
    flags: "i",
    group: 1,
    validator: "secretValue",
    confidence: 0.75,
    examples: {
      match: [
        { text: "DB_PASSWORD=R+FI1mOqH_6dckHQJVDxgLmKeQeglYuz", value: "R+FI1mOqH_6dckHQJVDxgLmKeQeglYuz" },
        { text: "my password is L!IP7Q_sE%Z44ee2amIXa and it fails", value: "L!IP7Q_sE%Z44ee2amIXa" },
        { text: '"client_secret": "9f8cA2b1e7D4c6F0a3B5"', value: "9f8cA2b1e7D4c6F0a3B5" },
        {
          text: 'const azureStorageKey = "mfsB4HbQLXjjlAFbVV6q9rXxtNDFyuzX9k1gnneGEYG1+LwiqD9jJBAciI05FhfwKVqlUr5Qrec8TNecj9iNOr==";',
          value: "mfsB4HbQLXjjlAFbVV6q9rXxtNDFyuzX9k1gnneGEYG1+LwiqD9jJBAciI05FhfwKVqlUr5Qrec8TNecj9iNOr=="
        },
        { text: "SECRET_KEY = '575.yx.8xm5M&lfY@q%'", value: "575.yx.8xm5M&lfY@q%" },
        { text: "RABBITMQ_DEFAULT_PASS: 5ubiheyEd7P4zDL#", value: "5ubiheyEd7P4zDL#" },
        { text: "The secret was jj5VfqRTk8j1d/bWWbjkloG1QX647kdNl9cDo/+G, do I rotate it?", value: "jj5VfqRTk8j1d/bWWbjkloG1QX647kdNl9cDo/+G" },
        {
          text: "secret_key_base: 0b9465aef7ac86d66c7a644fb12853ef86dcfaea21818b904ce6087413e3b266",
          value: "0b9465aef7ac86d66c7a644fb12853ef86dcfaea21818b904ce6087413e3b266"
        },
        { text: "refresh?access_token=ak6J0kGOD.KdinZn&expires=3600", value: "ak6J0kGOD.KdinZn" }
      ],
      noMatch: [
        { text: "password=password123", reason: "low entropy" },
        { text: "api_key=<redacted>", reason: "a placeholder" },
        { text: "api_key=${API_KEY}", reason: "a variable reference" },
        { text: "secret: changeme", reason: "a default value" },
        { text: "password: ********", reason: "already masked" },
        { text: "bypass: 1700000000000abc", reason: "not a credential name" }
      ]
    }
  },
  {
    ...common,
    id: "secret.password_assignment",
    description: 'A password set in a config or a form (password=..., <password>...</password>, "pwd": "..."): a letter and a digit or symbol, not a placeholder or a code reference',
    prefilter: ASSIGNMENT_PREFILTER,
    pattern: String.raw`(?:passw(?:or)?d|pwd|(?<![a-z])pass(?:phrase)?|kennwort|passwort|contraseña|senha|wachtwoord)` + String.raw`["']?[ \t]{0,3}(?:=>|[:=>]|\b(?:is|was)\b)[ \t]{0,3}["']?` + // Not a call or an index: password=os.environ.get("DB") is code.
    String.raw`((?<=")[^"\s]{6,128}(?=")|(?<=')[^'\s]{6,128}(?=')|(?<!["'])[A-Za-z0-9+/_!#$%^*~.@?-]{6,128}={0,2}(?![A-Za-z0-9+/_!#$%^*~.@=?(\[{}-]))`,
    flags: "i",
    group: 1,
    validator: "passwordValue",
    confidence: 0.75,
    examples: {
      match: [
        { text: "spring.datasource.password=ak6J.vCbHSN", value: "ak6J.vCbHSN" },
        { text: "<password>wm!Wevn45pT</password>", value: "wm!Wevn45pT" },
        { text: "wpa_passphrase=VWg9MNR*bqnyv", value: "VWg9MNR*bqnyv" },
        { text: '{"username": "k.tanaka", "password": "hXuN.p1wep!IT"}', value: "hXuN.p1wep!IT" }
      ],
      noMatch: [
        { text: 'password = os.environ.get("DB_PASSWORD")', reason: "code that reads the password" },
        { text: "password: process.env.DB_PASS", reason: "a reference" },
        { text: "password: Optional[str] = None", reason: "a type" },
        { text: "password=${DB_PASSWORD}", reason: "a variable reference" },
        { text: "DB_PASSWORD=${DB_PASSWORD:?required}", reason: "a shell default inside a reference" },
        { text: "password: required", reason: "a word" },
        { text: "DB_PASSWORD=\nNODE_ENV=production", reason: "empty: the next line is another setting" },
        { text: 'String password = System.getenv("DB_PASSWORD");', reason: "a call" }
      ]
    }
  },
  {
    ...common,
    id: "secret.password_phrase",
    description: 'A password told in a sentence, in many languages: "my password is ...", "mein Passwort ist ...", "\u6211\u7684\u5BC6\u7801\u662F ...", "\u30D1\u30B9\u30EF\u30FC\u30C9\u306F ..."',
    // The password word, a colon or a few linking words, then one token with a digit or a symbol
    // that is not its last character ("reset." is prose). Whole words among cased letters; a CJK
    // word needs no boundary (我的密码是). The prefilter is the pattern without its assertions.
    prefilter: String.raw`${trieSource(PASSWORD_WORDS)}${phraseGap("")}[^\s]{0,62}${PHRASE_SYMBOL}[^\s]`,
    pattern: String.raw`${trieSource(PASSWORD_WORDS, String.raw`(?<![${CASED}\d_][\s\S])`)}(?![${CASED}])${phraseGap(String.raw`(?=\s)`)}` + String.raw`((?=[^\s]{0,62}${PHRASE_SYMBOL}[^\s])[^\s"'«»“”「」『』<>,;，。、]{6,64})(?![^\s"'«»“”「」『』<>,;，。、])`,
    // Not the u flag, which makes every regex of V8 slower: letters with case are spelled out.
    flags: "i",
    group: 1,
    validator: "passwordValue",
    confidence: 0.75,
    examples: {
      match: [
        { text: "Mein Passwort ist Sunshine1982*, aber der Login klappt nicht", value: "Sunshine1982*" },
        { text: "\u6211\u7684\u5BC6\u7801\u662F Primavera14?\uFF0C\u4F46\u662F\u767B\u5F55\u4E0D\u4E86", value: "Primavera14?" },
        { text: "\u30D1\u30B9\u30EF\u30FC\u30C9\u306F Vy3BVai-56t9t \u3067\u3059\u304C", value: "Vy3BVai-56t9t" },
        { text: "\u015Fifrem Bulldog.1984$ ama giri\u015F yapam\u0131yorum", value: "Bulldog.1984$" },
        { text: "mi contrase\xF1a es Fenerbahce38? y no me deja entrar", value: "Fenerbahce38?" },
        { text: "WLAN-Passwort: Tesoro.27*", value: "Tesoro.27*" },
        { text: "\u90AE\u7BB1\uFF1Awei@example.net\uFF0C\u5BC6\u7801\uFF1Am4rip0s41&\uFF0C\u4E00\u76F4\u767B\u5F55\u5931\u8D25", value: "m4rip0s41&" },
        { text: "\u30D1\u30B9\u30EF\u30FC\u30C9\u306F\u300CRaketa&84$\u300D\u3067\u3059\u304C", value: "Raketa&84$" },
        { text: "mon mot de passe c'est \xAB krokus.Krokus27 \xBB mais", value: "krokus.Krokus27" },
        { text: "user noah@example.org / pass Kiwi1995?", value: "Kiwi1995?" }
      ],
      noMatch: [
        { text: "I forgot my password, can you reset it?", reason: "no password given" },
        { text: "the password must contain 8+ characters", reason: "a rule, not a password" },
        { text: "password reset link: https://example.com/reset?t=1", reason: "a link" },
        { text: "my password is not working since 2024-01-02", reason: "no token with letters and digits after the linking words" },
        { text: "Access denied for user 'app'@'10.0.0.5' (using password: YES)", reason: "MySQL says whether a password was used" },
        { text: "password2fa_enabled: true", reason: "glued to the word" }
      ]
    }
  },
  {
    ...common,
    id: "secret.config_directive",
    description: 'A password in a server config directive without "=": Redis requirepass and masterauth',
    keywords: ["requirepass", "masterauth"],
    pattern: String.raw`\b(?:requirepass|masterauth)[ \t]{1,8}["']?([^\s"']{6,128})`,
    group: 1,
    validator: "passwordValue",
    confidence: 0.85,
    examples: {
      match: [{ text: "bind 127.0.0.1\nrequirepass ak6J0kGOD.KdinZn", value: "ak6J0kGOD.KdinZn" }],
      noMatch: [{ text: "# requirepass foobared", reason: "the shipped default" }]
    }
  },
  {
    ...common,
    id: "secret.field_value",
    description: 'A random-looking value on its own in a field named like a credential ("password": "...", "api_key": "..."), entropy >= 3.3 bits/char',
    // The whole value of a field; only believed when the field's name says credential (context
    // from the key), since a random string alone is also an id or a hash.
    pattern: String.raw`^\s{0,3}([A-Za-z0-9+/_!#$%^*~.=-]{12,256})\s{0,3}$`,
    group: 1,
    validator: "secretValue",
    confidence: 0.3,
    context: {
      words: [
        "password",
        "passwd",
        "pwd",
        "passphrase",
        "secret",
        "token",
        "api_key",
        "apikey",
        "api-key",
        "access_key",
        "secret_key",
        "private_key",
        "client_secret",
        "auth",
        "credential",
        "credentials"
      ],
      // The match starts the value, so the window only reaches into the field's name.
      window: 64,
      boost: 0.5
    },
    examples: {
      match: [
        { key: "password", text: "Kp9vR2mXq7LwZ4tB", value: "Kp9vR2mXq7LwZ4tB" },
        { key: "DB_API_KEY", text: "a8Fq2Lz9Xw1Rt5Yb7Nc3", value: "a8Fq2Lz9Xw1Rt5Yb7Nc3" }
      ],
      noMatch: [
        { text: "Kp9vR2mXq7LwZ4tB", reason: "no credential name: an id or a hash" },
        { key: "request_id", text: "a8Fq2Lz9Xw1Rt5Yb7Nc3", reason: "the field is an id" },
        { key: "password", text: "password123", reason: "low entropy" },
        { key: "token", text: "the token expired yesterday", reason: "a sentence, not a value" }
      ]
    }
  },
  {
    ...common,
    id: "secret.basic_auth",
    description: 'HTTP Basic credentials: the base64 of user:password after "Basic"',
    keywords: ["basic"],
    pattern: String.raw`basic(?<![a-z]basic)\s{1,4}([A-Za-z0-9+/]{8,200}={0,2})(?![A-Za-z0-9+/=])`,
    flags: "i",
    group: 1,
    validator: "basicAuth",
    confidence: 0.9,
    examples: {
      match: [{ text: "Authorization: Basic c3ZjLWRlcGxveTpLMThneGlFRmllUHp2cnh1", value: "c3ZjLWRlcGxveTpLMThneGlFRmllUHp2cnh1" }],
      noMatch: [
        { text: "Authorization: Basic dXNlcm5hbWU6cGFzc3dvcmQ=", reason: "username:password, the documentation example" },
        { text: "a basic question about billing", reason: "no base64 credentials" }
      ]
    }
  },
  {
    ...common,
    id: "secret.cli_user_password",
    description: "Password given as user:password on a command line (curl -u, --user), or user%password (smbclient -U)",
    keywords: [" -u", " -U", "--user"],
    pattern: String.raw`(?:\s-[uU]|--user)[ =]['"]?[^\s:%'"]{1,64}[:%]([^\s'"]{6,128})`,
    group: 1,
    validator: "password",
    confidence: 0.85,
    examples: {
      match: [
        { text: "curl -u deploy:Wq8pZ3kLm2Xv https://api.example.com", value: "Wq8pZ3kLm2Xv" },
        { text: "smbclient //files/share -U deploy%lNQb0prFmbh7!wy5", value: "lNQb0prFmbh7!wy5" }
      ],
      noMatch: [{ text: "curl -u user:password https://api.example.com", reason: "the documentation default" }]
    }
  },
  {
    ...common,
    id: "secret.cli_token_flag",
    description: "A token, key or secret given as a command-line flag: --token VALUE, --api-key=VALUE",
    keywords: ["--"],
    pattern: String.raw`--(?:token|access-token|auth-token|api-key|apikey|secret|client-secret|secret-key|private-token|key)[ =]['"]?([A-Za-z0-9+/_.!#$%^*~-]{12,128})(?![A-Za-z0-9+/_.!#$%^*~-])`,
    flags: "i",
    group: 1,
    validator: "secretValue",
    confidence: 0.8,
    examples: {
      match: [{ text: "gh auth login --token Zq8vN3kLp0XwR7tY2mB5", value: "Zq8vN3kLp0XwR7tY2mB5" }],
      noMatch: [{ text: "run it with --token $GITHUB_TOKEN", reason: "a variable reference" }]
    }
  }
];

// src/rules/index.ts
var builtinRules = [...secretRules, ...providerRules, ...piiRules, ...financialRules, ...networkRules];

// src/detector.ts
function redactorFor(operator, salt) {
  switch (operator) {
    case "replace": {
      return replaceWithType;
    }
    case "remove": {
      return removeValue;
    }
    case "hash": {
      return (value, type) => `<${type}:${createHmac2("sha256", salt).update(value).digest("hex").slice(0, 12)}>`;
    }
    default: {
      return mask;
    }
  }
}
function rulesOf(detection) {
  const disabled = new Set(detection.rules.disable);
  return [...builtinRules.filter((r) => !disabled.has(r.id)), ...detection.rules.custom];
}
function buildDetector(detection, salt) {
  try {
    const ruleSet = compileRules(rulesOf(detection), {
      allowlist: detection.allowlist,
      minConfidence: detection.rules.minConfidence,
      // The organisation's own rules come from a file anyone with write access can change: RE2.
      userRules: new Set(detection.rules.custom.map((r) => r.id))
    });
    return { ruleSet, redactor: redactorFor(detection.redaction.operator, salt) };
  } catch (error) {
    if (error instanceof RuleCompileError) throw usageError(`invalid config: ${error.message}`, "E_CONFIG_INVALID");
    throw error;
  }
}

// src/monitor/context.ts
function prepareContext(settings) {
  const { monitor, detection } = settings;
  const fieldPaths = monitor.fields.map((field) => {
    const parsed = parseFieldPath(field);
    if (typeof parsed === "string") throw usageError(parsed, "E_CONFIG_INVALID");
    return parsed;
  });
  const { ruleSet, redactor } = buildDetector(detection, settings.salt);
  return {
    config: monitor,
    fieldPaths,
    ruleSet,
    redact: settings.redact,
    redactor,
    ignored: new Set(settings.ignored ?? []),
    unchanged: settings.unchanged === void 0 ? void 0 : new Map([...settings.unchanged].map(([file, state]) => [file, new LineKeys(state)])),
    preexisting: new Set(settings.preexisting ?? []),
    valueSecret: `llmops-value/${settings.salt}`
  };
}

// src/monitor/worker.ts
var init = workerData;
var context = prepareContext(init.settings);
parentPort?.on("message", ({ id, job }) => {
  try {
    const { output, facts, blank, unchanged, sanitized, outside, keys } = processBatch(job, context, init.options);
    const moved = [output.buffer, sanitized.buffer];
    if (keys !== void 0) moved.push(keys.buffer);
    parentPort?.postMessage({ id, result: { output, facts, blank, unchanged, sanitized, outside, keys } }, moved);
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
});
/*! Bundled license information:

re2js/build/index.js:
  (*!
  * re2js
  * RE2JS is the JavaScript port of RE2, a regular expression engine that provides linear time matching
  *
  * @version v2.10.0
  * @author Oleksii Vasyliev
  * @homepage https://github.com/le0pard/re2js#readme
  * @repository [object Object]
  * @license MIT
  *)
*/
