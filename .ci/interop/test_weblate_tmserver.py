"""Weblate's own tmserver machinery against a live `glossa serve` (GLOSSA_URL).

Every suggestion here goes through weblate.machinery.tmserver.TMServerTranslation (Weblate 5.14)
and its base class as a Weblate site runs them: `translate` (the editor's suggestions, threshold
75), `search` (the machinery search box, threshold 10) and `batch_translate` (automatic
translation, threshold 80 from its form), with Weblate's own MockUnit, its language-code mapping
(`zh_Hans` -> `zh_hans`), its `GET {base}/languages/` check, its [X..X] tokens for markup and its
cache (emptied before each test). Only `requests.request` is watched, to show what Weblate sent and got back.

The sample memory of tmx/ answers English -> Russian and English -> Chinese; the texts with `/`,
`+`, `%` and a gettext placeholder go into a memory of their own (public, as tmserver clients send
no token).
"""

import json
import os
import urllib.error
import urllib.request
import warnings
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import django
from django.utils.deprecation import RemovedInDjango60Warning

# Weblate 5.14's own forms use Django 5 forms the way Django 6 will change: not ours to act on.
warnings.filterwarnings("ignore", category=RemovedInDjango60Warning)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weblate_settings")
django.setup()

import pytest  # noqa: E402
import requests  # noqa: E402
from django.core.cache import cache  # noqa: E402
from weblate.checks.tests.test_checks import MockLanguage, MockUnit  # noqa: E402
from weblate.machinery.base import MachineTranslationError  # noqa: E402
from weblate.machinery.tmserver import TMServerTranslation  # noqa: E402

GLOSSA_URL = os.environ["GLOSSA_URL"].rstrip("/")
GLOSSA_TOKEN = os.environ["GLOSSA_TOKEN"]
# As an administrator types it into Weblate's form: Weblate strips the trailing slash itself.
TMSERVER = GLOSSA_URL + "/tmserver/"
# Weblate's editor asks with its default threshold; automatic translation with its form's default.
EDITOR_THRESHOLD = 75
AUTOMATIC_THRESHOLD = 80
# Weblate sends at most this many characters of a text.
WEBLATE_TEXT_LIMIT = 500
# Answers that make Weblate stop asking the service for 30 minutes without telling anyone.
RATE_LIMIT_STATUSES = {401, 403, 429, 456, 503}
OWN_MEMORY = "interop-weblate"
# Written for these tests (CC0): texts that every client percent-encodes (`/` as %2F, `+` as %2B, `%` as %25).
OWN_UNITS = [
    ("Read/write access for editors", "Доступ на чтение/запись для редакторов", "编辑的读/写权限"),
    ("Beijing + Harbin: two cities, one visit", "Пекин + Харбин: два города, один визит", "北京 + 哈尔滨：两座城市，一次访问"),
    ("Trade grew 26%/year + 3% more in 2024", "Товарооборот рос на 26%/год + ещё 3% в 2024 году", "贸易额每年增长26%/年，2024年再增3%"),
]
# A gettext string with a Python placeholder, as a PO file from a Weblate project holds it.
PLACEHOLDER_UNIT = ("Welcome to Beijing, %(name)s!", "Добро пожаловать в Пекин, %(name)s!", "欢迎来到北京，%(name)s！")


@dataclass
class Exchange:
    method: str
    url: str
    headers: dict
    status: int
    body: str

    @property
    def text(self) -> str:
        """The text Weblate sent: the last path segment, decoded."""
        return unquote(urlsplit(self.url).path.rsplit("/", 1)[-1])

    def __str__(self) -> str:
        return f"{self.method} {self.url}\n  sent {self.headers}\n  got {self.status} {self.body[:300]}"


@pytest.fixture
def sent(monkeypatch):
    """Every request Weblate's machinery makes, with the answer, in order."""
    exchanges: list[Exchange] = []
    original = requests.request

    def recording(method, url, **kwargs):
        response = original(method, url, **kwargs)
        # The prepared URL: the HTTP client resolves dot segments (`unit/..`) before sending.
        exchanges.append(Exchange(method.upper(), response.request.url, dict(response.request.headers), response.status_code, response.text))
        return response

    monkeypatch.setattr(requests, "request", recording)
    yield exchanges
    print("\n".join(str(exchange) for exchange in exchanges))
    assert not [e for e in exchanges if e.status >= 500 or e.status in RATE_LIMIT_STATUSES], "Glossa answered Weblate with an error"


@pytest.fixture
def machine(sent):
    """Weblate's tmserver service as a site configures it, with an empty cache (languages, results, rate limit)."""
    cache.clear()
    service = TMServerTranslation({"url": TMSERVER})
    yield service
    assert not service.is_rate_limited(), "Weblate would stop asking Glossa for 30 minutes"
    assert service.supported_languages_error is None, f"Weblate could not read the languages: {service.supported_languages_error!r}"


@pytest.fixture(scope="module", autouse=True)
def own_memory():
    """A public memory holding OWN_UNITS and PLACEHOLDER_UNIT on the live server."""
    status, body = post("/v1/memories", json.dumps({"name": OWN_MEMORY, "public": True}).encode(), "application/json")
    assert status in (200, 201, 409), f"creating memory {OWN_MEMORY}: {status} {body}"
    status, body = post(f"/v1/memories/{OWN_MEMORY}/import?origin=interop-weblate.tmx", own_tmx().encode(), "application/xml")
    assert status in (200, 201) and json.loads(body)["imported"] == len(OWN_UNITS) + 1, f"importing into {OWN_MEMORY}: {status} {body}"


def post(path: str, data: bytes, content_type: str) -> tuple[int, str]:
    request = urllib.request.Request(
        GLOSSA_URL + path, data=data, method="POST", headers={"Authorization": f"Bearer {GLOSSA_TOKEN}", "Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def own_tmx() -> str:
    def escape(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;")

    units = "".join(
        f'<tu tuid="interop-{number}"><tuv xml:lang="en"><seg>{escape(en)}</seg></tuv>'
        f'<tuv xml:lang="ru"><seg>{escape(ru)}</seg></tuv><tuv xml:lang="zh-CN"><seg>{escape(zh)}</seg></tuv></tu>\n'
        for number, (en, ru, zh) in enumerate([*OWN_UNITS, PLACEHOLDER_UNIT], start=1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="interop" creationtoolversion="1" '
        f'segtype="sentence" o-tmf="none" adminlang="en" srclang="en" datatype="plaintext"/><body>\n{units}</body></tmx>\n'
    )


def weblate_unit(source: str, language: str, source_language: str = "en", flags: str = "") -> MockUnit:
    """A unit of a component in `source_language` translated into `language`, as Weblate's own tests make them."""
    unit = MockUnit(code=language, source=source, flags=flags)
    unit.translation.component.source_language = MockLanguage(source_language)
    return unit


def suggestions(machine: TMServerTranslation, unit: MockUnit) -> list[dict]:
    """What Weblate's editor offers for the unit's (only) string."""
    (results,) = machine.translate(unit, None, EDITOR_THRESHOLD)
    return results


def unit_requests(sent: list[Exchange]) -> list[Exchange]:
    return [e for e in sent if "/unit/" in e.url]


def test_weblate_asks_for_the_languages_first_and_finds_its_own_codes_listed(machine, sent):
    suggestions(machine, weblate_unit("Putin arrives in Beijing", "ru"))
    first = sent[0]
    assert (first.method, first.url, first.status) == ("GET", GLOSSA_URL + "/tmserver/languages/", 200)
    pairs = machine.supported_languages
    assert ("en", "ru") in pairs
    # Weblate's Chinese is zh_Hans, which it asks for as zh_hans and then as zh.
    assert {("en", "zh_hans"), ("en", "zh")} & pairs, f"no Chinese form Weblate asks for among {sorted(pairs)}"
    assert first.headers["Accept"] == "application/json; charset=utf-8"


def test_weblates_settings_form_accepts_the_url(machine, sent):
    # What Weblate runs when an administrator saves the service: the languages, then "test" into German.
    machine.validate_settings()
    assert [(e.url, e.status) for e in sent] == [(GLOSSA_URL + "/tmserver/languages/", 200), (GLOSSA_URL + "/tmserver/en/de/unit/test", 200)]


def test_an_english_sentence_gets_its_russian_translation_at_100(machine, sent):
    results = suggestions(machine, weblate_unit("Putin arrives in Beijing", "ru"))
    assert results[0]["text"] == "Путин прибыл в Пекин"
    assert results[0]["quality"] == 100
    assert results[0]["source"] == "Putin arrives in Beijing"
    (request,) = unit_requests(sent)
    assert request.url == GLOSSA_URL + "/tmserver/en/ru/unit/Putin%20arrives%20in%20Beijing"
    for entry in json.loads(request.body):
        assert {"source", "target", "quality", "rank"} <= entry.keys()
        assert isinstance(entry["quality"], float), f"quality must be a JSON float (Okapi casts it to Double): {entry}"


@pytest.mark.parametrize("language", ["zh_Hans", "zh_CN", "zh"])
def test_an_english_sentence_gets_its_chinese_translation_under_weblates_chinese_codes(machine, sent, language):
    results = suggestions(machine, weblate_unit("Putin arrives in Beijing", language))
    assert results and results[0]["text"] == "普京抵达北京", [str(e) for e in sent]
    assert results[0]["quality"] == 100


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "Государственный визит Путина в Китай, 16–17 мая 2024 года"),
        ("zh_Hans", "普京对华国事访问（2024年5月16日至17日）"),
    ],
    ids=["ru", "zh_Hans"],
)
def test_non_ascii_english_with_a_curly_apostrophe_and_an_en_dash_matches_exactly(machine, sent, language, expected):
    results = suggestions(machine, weblate_unit("Putin’s state visit to China, 16–17 May 2024", language))
    assert [(r["text"], r["quality"]) for r in results[:1]] == [(expected, 100)]
    assert "%E2%80%99" in unit_requests(sent)[0].url


@pytest.mark.parametrize(
    ("source", "source_language", "language", "expected"),
    [
        ("Путин прибыл в Харбин", "ru", "zh_Hans", "普京抵达哈尔滨"),
        ("普京抵达北京", "zh_Hans", "ru", "Путин прибыл в Пекин"),
    ],
    ids=["ru-zh_Hans", "zh_Hans-ru"],
)
def test_cyrillic_and_chinese_source_texts_travel_percent_encoded(machine, sent, source, source_language, language, expected):
    results = suggestions(machine, weblate_unit(source, language, source_language))
    assert results and (results[0]["text"], results[0]["quality"]) == (expected, 100), [str(e) for e in sent]
    assert unit_requests(sent)[0].text == source


@pytest.mark.parametrize(("en", "ru", "zh"), OWN_UNITS, ids=["slash", "plus", "percent"])
def test_slash_plus_and_percent_reach_glossa_as_the_characters_they_are(machine, sent, en, ru, zh):
    for language, expected in (("ru", ru), ("zh_Hans", zh)):
        results = suggestions(machine, weblate_unit(en, language))
        assert results and (results[0]["text"], results[0]["quality"]) == (expected, 100), [str(e) for e in sent]
        assert results[0]["source"] == en
    for request in unit_requests(sent):
        assert " " not in request.url and "+" not in urlsplit(request.url).path
        assert request.text == en


@pytest.mark.parametrize(
    ("source", "language", "expected"),
    [
        (
            "Key figures: trade of <b>$240.1 billion</b> in 2023",
            "ru",
            "Ключевые цифры: товарооборот в 2023 году — <b>240,1 млрд долларов</b>",
        ),
        ("Key figures: trade of <b>$240.1 billion</b> in 2023", "zh_Hans", "关键数据：2023年贸易额<b>2401.1亿美元</b>"),
        ("Beijing, 16 May<br/>Talks at the Great Hall of the People", "ru", "Пекин, 16 мая<br/>Переговоры в Доме народных собраний"),
    ],
    ids=["b-ru", "b-zh_Hans", "br-ru"],
)
def test_html_tags_go_out_as_weblate_tokens_and_come_back_as_tags(machine, sent, source, language, expected):
    unit = weblate_unit(source, language)
    sent_text, replacements = machine.cleanup_text(source, unit)
    assert replacements and "<" not in sent_text, "Weblate replaces the tags by [X..X] tokens"
    results = suggestions(machine, unit)
    (request,) = unit_requests(sent)
    assert request.text == sent_text
    assert results, f"no suggestion for {sent_text!r}: {request}"
    assert (results[0]["text"], results[0]["quality"]) == (expected, 100)
    assert results[0]["source"] == source


def test_without_a_format_flag_the_placeholder_travels_as_text_and_matches(machine, sent):
    results = suggestions(machine, weblate_unit(PLACEHOLDER_UNIT[0], "ru"))
    assert (results[0]["text"], results[0]["quality"]) == (PLACEHOLDER_UNIT[1], 100)


@pytest.mark.parametrize(("language", "expected"), [("ru", PLACEHOLDER_UNIT[1]), ("zh_Hans", PLACEHOLDER_UNIT[2])], ids=["ru", "zh_Hans"])
def test_a_python_format_placeholder_goes_out_as_a_weblate_token_and_comes_back(machine, sent, language, expected):
    source = PLACEHOLDER_UNIT[0]
    unit = weblate_unit(source, language, flags="python-format")
    sent_text, replacements = machine.cleanup_text(source, unit)
    assert list(replacements.values()) == ["%(name)s"], "Weblate replaces the placeholder by an [X..X] token"
    results = suggestions(machine, unit)
    (request,) = unit_requests(sent)
    assert request.text == sent_text
    assert results, f"no suggestion for {sent_text!r}: {request}"
    assert (results[0]["text"], results[0]["quality"]) == (expected, 100)


def test_a_near_duplicate_gets_both_fuzzy_matches_best_first(machine, sent):
    results = suggestions(machine, weblate_unit("It was Putin’s first foreign trip since his election.", "ru"))
    texts = [r["text"] for r in results]
    assert "Это была первая зарубежная поездка Путина после инаугурации." in texts
    assert "Это была первая зарубежная поездка Путина после переизбрания." in texts
    qualities = [r["quality"] for r in results]
    assert all(EDITOR_THRESHOLD <= q < 100 for q in qualities), qualities
    assert qualities == sorted(qualities, reverse=True)


def test_a_text_with_no_match_gives_no_suggestion_and_no_error(machine, sent):
    assert suggestions(machine, weblate_unit("The quick brown fox jumps over the lazy dog", "ru")) == []
    (request,) = unit_requests(sent)
    assert (request.status, json.loads(request.body)) == (200, [])


def test_a_pair_missing_from_the_languages_list_is_never_asked(machine, sent):
    # Weblate answers an unsupported pair with no list at all, before asking anything.
    assert machine.translate(weblate_unit("Putin arrives in Beijing", "tlh"), None, EDITOR_THRESHOLD) == []
    assert [e.url for e in sent] == [GLOSSA_URL + "/tmserver/languages/"]


def test_a_carriage_return_is_sent_as_a_space(machine, sent):
    results = suggestions(machine, weblate_unit("Putin arrives\rin Beijing", "ru"))
    assert unit_requests(sent)[0].text == "Putin arrives in Beijing"
    assert (results[0]["text"], results[0]["quality"]) == ("Путин прибыл в Пекин", 100)


def test_a_long_text_is_cut_by_weblate_and_answered(machine, sent):
    long_text = " ".join(["Russian President Vladimir Putin arrived in Beijing on 16 May 2024 for a two-day state visit to China."] * 8)
    assert isinstance(suggestions(machine, weblate_unit(long_text, "ru")), list)
    (request,) = unit_requests(sent)
    assert request.status == 200 and len(request.text) == WEBLATE_TEXT_LIMIT


@pytest.mark.parametrize("text", [".", ".."], ids=["dot", "dot-dot"])
def test_dot_segments_are_answered_without_a_server_error(machine, sent, text):
    try:
        suggestions(machine, weblate_unit(text, "ru"))
    except MachineTranslationError as error:
        # A 4xx is reported to the translator; only 5xx and the rate-limit statuses (checked by `sent`) are faults.
        print(f"Weblate reported: {error}")


def test_the_machinery_search_box_finds_the_sentence(machine, sent):
    results = machine.search(weblate_unit("Putin arrives in Beijing", "ru"), "Putin arrives in Harbin", None)
    assert (results[0]["text"], results[0]["quality"]) == ("Путин прибыл в Харбин", 100)


def test_automatic_translation_takes_the_best_match_above_its_threshold_and_leaves_the_rest(machine, sent):
    found = weblate_unit("Putin arrives in Harbin", "ru")
    fuzzy = weblate_unit("It was Putin’s first foreign trip since his election.", "ru")
    missing = weblate_unit("The quick brown fox jumps over the lazy dog", "ru")
    machine.batch_translate([found, fuzzy, missing], None, AUTOMATIC_THRESHOLD)
    assert (found.machinery["translation"], found.machinery["quality"]) == (["Путин прибыл в Харбин"], [100])
    assert fuzzy.machinery["translation"] == ["Это была первая зарубежная поездка Путина после инаугурации."]
    assert AUTOMATIC_THRESHOLD <= fuzzy.machinery["quality"][0] < 100
    assert missing.machinery["quality"] == [0]


def test_amagamas_own_prefix_answers_the_same(sent):
    cache.clear()
    service = TMServerTranslation({"url": GLOSSA_URL + "/api/v1"})
    results = suggestions(service, weblate_unit("Putin arrives in Beijing", "ru"))
    assert (results[0]["text"], results[0]["quality"]) == ("Путин прибыл в Пекин", 100)
    assert sent[0].url == GLOSSA_URL + "/api/v1/languages/"

