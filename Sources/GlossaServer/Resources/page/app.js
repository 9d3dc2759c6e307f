// The search page: as a person types, the glossary's names (GET /v1/names for a name, POST
// /v1/glossary/annotate for a sentence or a paragraph) and the memory's matches (GET
// /v1/tm/lookup), through the public API only. Text from the server is always set as text, never
// as HTML.
"use strict";

const DEBOUNCE_MS = 250;

const elements = {
  form: document.getElementById("search"),
  query: document.getElementById("q"),
  source: document.getElementById("source"),
  target: document.getElementById("target"),
  min: document.getElementById("min"),
  status: document.getElementById("status"),
  names: document.getElementById("names"),
  namesCount: document.getElementById("names-count"),
  matches: document.getElementById("matches"),
  pair: document.getElementById("tm-pair"),
};

/** Languages of the memory, most segments first: [{language, segments}]. */
let languages = [];
let timer = null;
/** Aborts the requests of the previous search, so a slow answer never overwrites a newer one. */
let inFlight = null;

// Which languages a script suggests, for "detect": the first of them that the memory holds wins.
const SCRIPT_LANGUAGES = [
  [/\p{Script=Han}/u, ["zh", "ja"]],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, ["ja"]],
  [/\p{Script=Hangul}/u, ["ko"]],
  [/\p{Script=Cyrillic}/u, ["ru", "uk", "be", "bg", "sr", "mk", "kk"]],
  [/\p{Script=Greek}/u, ["el"]],
  [/\p{Script=Arabic}/u, ["ar", "fa", "ur"]],
  [/\p{Script=Hebrew}/u, ["he", "yi"]],
  [/\p{Script=Latin}/u, ["en", "fr", "de", "es", "it", "pt", "nl", "pl", "cs", "tr", "sv", "da", "fi", "ro", "hu"]],
];

function primary(tag) {
  return tag.split("-")[0].toLowerCase();
}

/** The memory language the query's script suggests; null when nothing fits. */
function detectLanguage(text) {
  for (const [pattern, candidates] of SCRIPT_LANGUAGES) {
    if (!pattern.test(text)) continue;
    for (const candidate of candidates) {
      const found = languages.find((entry) => primary(entry.language) === candidate);
      if (found) return found.language;
    }
  }
  return null;
}

/** A sentence or a paragraph rather than one name: many words, or sentence punctuation. */
function isSentence(text) {
  const words = text.split(/\s+/u).filter(Boolean);
  if (words.length >= 5) return true;
  if (words.length >= 2 && /[.!?;:,。，！？；]/u.test(text)) return true;
  const han = text.match(/\p{Script=Han}/gu) || [];
  return han.length > 8;
}

/** The language a text is written in, for annotate: the memory's, else the script's usual one. */
function textLanguage(text) {
  if (elements.source.value !== "auto") return elements.source.value;
  const detected = detectLanguage(text);
  if (detected) return detected;
  for (const [pattern, candidates] of SCRIPT_LANGUAGES) if (pattern.test(text)) return candidates[0];
  return "en";
}

/** POST path with a JSON body; a problem+json answer becomes an Error with its detail. */
async function postJSON(path, payload, signal) {
  const response = await fetch(new URL(path, window.location.origin), {
    method: "POST", signal, body: JSON.stringify(payload),
    headers: { Accept: "application/json", "Content-Type": "application/json" },
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body && body.detail ? body.detail : `${response.status} ${response.statusText}`);
  return body;
}

/** GET path?params as JSON; a problem+json answer becomes an Error with its detail. */
async function getJSON(path, params, signal) {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(name, value);
  }
  const response = await fetch(url, { signal, headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body && body.detail ? body.detail : `${response.status} ${response.statusText}`);
  return body;
}

/** An element with a class, children and text; strings become text nodes. */
function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function badge(text, className) {
  return el("span", `badge ${className}`, text);
}

function setStatus(text, isError = false) {
  elements.status.textContent = text;
  elements.status.classList.toggle("error", isError);
}

// ---- Languages ---------------------------------------------------------------------------

async function loadLanguages() {
  const body = await getJSON("/v1/languages", {});
  languages = body.languages;
  for (const entry of languages) {
    const label = `${entry.language} (${entry.segments})`;
    elements.source.append(new Option(label, entry.language));
    elements.target.append(new Option(label, entry.language));
  }
  const english = languages.find((entry) => primary(entry.language) === "en");
  if (english) elements.target.value = english.language;
}

/** The pair to look up: the source picked or detected, and a target in another language. */
function languagePair(text) {
  const source = elements.source.value === "auto" ? detectLanguage(text) : elements.source.value;
  if (!source) return null;
  let target = elements.target.value;
  if (!target || primary(target) === primary(source)) {
    const other = languages.find((entry) => primary(entry.language) !== primary(source));
    if (!other) return null;
    target = other.language;
  }
  return { source, target };
}

// ---- Names -------------------------------------------------------------------------------

function renderForm(form) {
  const node = el("span", `form ${form.status || ""}`, el("span", "text", form.text));
  node.lang = form.language;
  if (form.attested === false) {
    node.classList.add("transliteration");
    node.append(badge(`transliteration${form.scheme ? ` · ${form.scheme}` : ""}`, "transliterated"));
    node.title = "Not a glossary term: computed by a transliteration scheme";
  } else if (form.status) {
    node.append(badge(form.status, `status-${form.status}`));
  }
  return node;
}

/** Languages in the pickers' order (JSON objects keep none), others after them by tag. */
function byPickerOrder(a, b) {
  const rank = (tag) => {
    const index = languages.findIndex((entry) => entry.language === tag);
    return index < 0 ? languages.length : index;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

function renderConcept(result) {
  const head = el("div", "card-head",
    el("span", "found", result.matchedTerm.text),
    badge(result.match, "kind"),
    result.domain ? el("span", "meta", result.domain) : null);
  // One row per language, in the pickers' order (JSON objects keep none): its terms, or else its
  // transliteration.
  const transliterations = result.transliterations || {};
  const rows = [...new Set([...Object.keys(result.terms), ...Object.keys(transliterations)])];
  rows.sort(byPickerOrder);
  const terms = el("dl", "terms");
  for (const language of rows) {
    const forms = result.terms[language] || [transliterations[language]];
    terms.append(el("dt", null, language), el("dd", null, ...forms.map(renderForm)));
  }
  const card = el("article", "card concept", head, terms);
  const preferred = result.preferredTerm;
  if (preferred && result.matchedTerm.status && result.matchedTerm.status !== "preferred") {
    card.append(el("p", "note", `“${result.matchedTerm.text}” is ${result.matchedTerm.status}; use “${preferred.text}”.`));
  }
  if (result.definition) card.append(el("p", "note meta", result.definition));
  return card;
}

/** Forms by named standards for a name the glossary lacks: never shown as terms. */
function renderTransliterations(transliterations) {
  const terms = el("dl", "terms");
  const byLanguage = new Map();
  for (const form of transliterations.forms) {
    if (!byLanguage.has(form.language)) byLanguage.set(form.language, []);
    byLanguage.get(form.language).push(form);
  }
  for (const [language, forms] of byLanguage) {
    terms.append(el("dt", null, language), el("dd", null, ...forms.map((form) => {
      const node = renderForm(form);
      node.title = `Not attested: ${form.chain.join(" → ")}, confidence ${form.confidence}`;
      return node;
    })));
  }
  for (const gap of transliterations.unavailable) {
    terms.append(el("dt", null, gap.language), el("dd", "meta", `${gap.reason.charAt(0).toUpperCase()}${gap.reason.slice(1)}.`));
  }
  return el("article", "card transliterations",
    el("div", "card-head", el("span", "found", "Transliterations"), badge("not attested", "transliterated")),
    el("p", "note meta", "No glossary entry matches the whole name. These are computed by named standards, not attested forms."),
    terms);
}

function renderNames(body) {
  const cards = body.results.map(renderConcept);
  if (body.transliterations && body.transliterations.forms.length + body.transliterations.unavailable.length > 0) {
    cards.push(renderTransliterations(body.transliterations));
  }
  elements.names.replaceChildren(...cards);
  if (cards.length === 0) elements.names.append(el("p", "empty", "No glossary entry."));
  elements.namesCount.textContent = `· ${body.results.length}`;
}

/** The names and terms found in a sentence: one card a concept, with the forms found. */
function renderOccurrences(body) {
  const byConcept = new Map();
  for (const occurrence of body.occurrences) {
    if (!byConcept.has(occurrence.conceptID)) byConcept.set(occurrence.conceptID, []);
    byConcept.get(occurrence.conceptID).push(occurrence);
  }
  const cards = [];
  for (const occurrences of byConcept.values()) {
    const first = occurrences[0];
    const found = [...new Set(occurrences.map((occurrence) => occurrence.text))];
    const head = el("div", "card-head", el("span", "found", found.join(", ")),
      badge(occurrences.some((occurrence) => occurrence.match === "inflected") ? "inflected" : "exact", "kind"));
    const card = el("article", "card concept occurrence", head);
    if (found.some((text) => text !== first.term.text)) card.append(el("p", "note meta", `form of “${first.term.text}”`));
    const terms = el("dl", "terms");
    for (const language of Object.keys(first.translations).sort(byPickerOrder)) {
      const forms = first.translations[language];
      terms.append(el("dt", null, language), el("dd", null, ...forms.map(renderForm)));
    }
    card.append(terms);
    cards.push(card);
  }
  elements.names.replaceChildren(...cards);
  if (cards.length === 0) elements.names.append(el("p", "empty", "No glossary name or term in this text."));
  elements.namesCount.textContent = `· ${cards.length} found in the text`;
}

// ---- Translation memory ------------------------------------------------------------------

/** Words (a Chinese or Japanese character counts as one), spaces and punctuation marks. */
function tokens(text) {
  return text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{M}\p{N}]+|\s+|[^\s\p{L}\p{M}\p{N}]/gu) || [];
}

const isSpace = (token) => /^\s+$/u.test(token);
const comparable = (token) => token.normalize("NFKC").toLowerCase();

/**
 * The matched segment against the query, word by word (longest common subsequence): words only in
 * the segment are <ins>, query words missing from it <del>, shared words plain.
 */
function renderDiff(query, segment) {
  const all = tokens(segment);
  const positions = all.map((_, index) => index).filter((index) => !isSpace(all[index]));
  const words = positions.map((index) => comparable(all[index]));
  const asked = tokens(query).filter((token) => !isSpace(token));
  const askedKeys = asked.map(comparable);
  const n = askedKeys.length;
  const m = words.length;
  const out = el("span", "diff");
  if (n * m > 250000) {
    out.append(segment);
    return out;
  }
  // common[i][j]: length of the longest common subsequence of askedKeys[i..] and words[j..].
  const common = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      common[i][j] = askedKeys[i] === words[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  let next = 0; // the next token of the segment not yet written
  // Writes what separates the last written token from segment word j (or the end): its spaces.
  const gap = (j) => {
    const index = j < m ? positions[j] : all.length;
    out.append(all.slice(next, index).join(""));
    next = index;
  };
  const writeSegmentWord = (j, changed) => {
    gap(j);
    out.append(changed ? el("ins", null, all[next]) : all[next]);
    next += 1;
  };
  const spaced = (token) => /[\p{L}\p{N}]$/u.test(token) && !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(token);
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && askedKeys[i] === words[j]) {
      writeSegmentWord(j, false);
      i++;
      j++;
    } else if (i < n && (j === m || common[i + 1][j] >= common[i][j + 1])) {
      // A query word the segment lacks, shown where it would have been: before the next segment word.
      gap(j);
      if (j === m && spaced(asked[i])) out.append(" ");
      out.append(el("del", null, asked[i]));
      if (j < m && spaced(asked[i])) out.append(" ");
      i++;
    } else {
      writeSegmentWord(j, true);
      j++;
    }
  }
  out.append(all.slice(next).join(""));
  return out;
}

function renderMatch(query, match) {
  const score = match.score;
  const level = score.value >= 90 ? "high" : score.value >= 70 ? "mid" : "low";
  const edits = score.kind === "fuzzy" ? `${score.edits} edit${score.edits === 1 ? "" : "s"}` : score.kind;
  const head = el("div", "card-head",
    el("span", `score ${level}`, String(score.value)),
    badge(score.kind, "kind"),
    el("span", "meta", `${edits}${match.tuid ? ` · ${match.tuid}` : ""}`));
  const source = el("p", "segment source", el("span", "lang", match.source.language), renderDiff(query, match.source.text));
  source.lang = match.source.language;
  const target = el("p", "segment target", el("span", "lang", match.target.language), match.target.text);
  target.lang = match.target.language;
  return el("article", "card match", head, source, target);
}

function renderMatches(query, pair, body) {
  elements.pair.textContent = `· ${pair.source} → ${pair.target}`;
  elements.matches.replaceChildren(...body.matches.map((match) => renderMatch(query, match)));
  if (body.matches.length === 0) elements.matches.append(el("p", "empty", `No match of ${elements.min.value || 0} or more.`));
}

// ---- Searching ---------------------------------------------------------------------------

function clearResults() {
  elements.names.replaceChildren();
  elements.matches.replaceChildren();
  elements.namesCount.textContent = "";
  elements.pair.textContent = "";
}

async function search() {
  const text = elements.query.value.trim();
  const url = new URL(window.location.href);
  if (text) url.searchParams.set("q", text); else url.searchParams.delete("q");
  window.history.replaceState(null, "", url);
  if (inFlight) inFlight.abort();
  if (!text) {
    inFlight = null;
    clearResults();
    setStatus("");
    return;
  }
  const controller = new AbortController();
  inFlight = controller;
  setStatus("Searching…");
  const pair = languagePair(text);
  const to = languages.map((entry) => entry.language).join(",");
  const current = () => controller === inFlight;
  const names = isSentence(text)
    ? postJSON("/v1/glossary/annotate", { text, language: textLanguage(text), to: languages.map((entry) => entry.language) },
               controller.signal).then((body) => current() && renderOccurrences(body))
    : getJSON("/v1/names", { q: text, to }, controller.signal).then((body) => current() && renderNames(body));
  const matches = pair
    ? getJSON("/v1/tm/lookup", { q: text, source: pair.source, target: pair.target, min: elements.min.value || 0, limit: 5 },
              controller.signal).then((body) => current() && renderMatches(text, pair, body))
    : Promise.resolve(elements.matches.replaceChildren(el("p", "empty", "Pick the language of the text to search the memory.")));
  const outcomes = await Promise.allSettled([names, matches]);
  if (!current()) return;
  const failure = outcomes.find((outcome) => outcome.status === "rejected");
  if (failure) setStatus(failure.reason.message, true); else setStatus("");
}

function searchSoon() {
  clearTimeout(timer);
  timer = setTimeout(search, DEBOUNCE_MS);
}

async function start() {
  elements.form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    search();
  });
  elements.query.addEventListener("input", searchSoon);
  for (const control of [elements.source, elements.target, elements.min]) control.addEventListener("change", searchSoon);
  try {
    await loadLanguages();
  } catch (error) {
    setStatus(`The languages could not be loaded: ${error.message}`, true);
  }
  const initial = new URL(window.location.href).searchParams.get("q");
  if (initial) {
    elements.query.value = initial;
    search();
  }
}

start();
