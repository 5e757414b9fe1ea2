"""The web pages' own words in English, Russian, Kazakh and Persian.

The interface language is chosen per request: `?ui=xx` (the switch on every page,
which also sets a cookie holding only that code, for this browser session), else
that cookie, else the browser's `Accept-Language`, else English. Articles keep
their own language and direction whatever the interface's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

LANGUAGES = ("en", "ru", "kk", "fa")
NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша", "fa": "فارسی"}
RTL_UI = frozenset({"fa"})
COOKIE = "ui"

# id: (en, ru, kk, fa)
_MESSAGES: dict[str, tuple[str, str, str, str]] = {
    "title": ("Satchel reading room", "Читальный зал Satchel", "Satchel оқу залы",
              "قرائت‌خانهٔ Satchel"),
    "readonly": (
        "A read-only copy of a Satchel library. Nothing you read or search here is recorded.",
        "Библиотека Satchel только для чтения. Что вы читаете и ищете, здесь не записывается.",
        "Satchel кітапханасы тек оқу үшін. Мұнда не оқығаныңыз, не іздегеніңіз жазылмайды.",
        "کتابخانهٔ Satchel فقط برای خواندن. آنچه اینجا می‌خوانید یا جستجو می‌کنید ثبت نمی‌شود."),
    "search": ("Search", "Найти", "Іздеу", "جستجو"),
    "search_label": ("Search the library", "Поиск по библиотеке", "Кітапханадан іздеу",
                     "جستجو در کتابخانه"),
    "search_help": (
        'Words, "exact phrases", -left out, a OR b, start*, lang:fa, since:2024-01',
        "Слова, \"точная фраза\", -исключить, a OR b, нача*, lang:ru, since:2024-01",
        "Сөздер, \"дәл тіркес\", -алып тастау, a OR b, бас*, lang:kk, since:2024-01",
        "واژه‌ها، \"عبارت دقیق\"، -حذف، a OR b، آغاز*، lang:fa، since:2024-01"),
    "home": ("All articles", "Все статьи", "Барлық мақалалар", "همهٔ مقاله‌ها"),
    "latest": ("Latest articles", "Последние статьи", "Соңғы мақалалар", "تازه‌ترین مقاله‌ها"),
    "languages": ("Languages", "Языки", "Тілдер", "زبان‌ها"),
    "publishers": ("Publishers", "Издатели", "Баспагерлер", "ناشران"),
    "any": ("All", "Все", "Барлығы", "همه"),
    "older": ("Older articles", "Более ранние статьи", "Бұрынғы мақалалар",
              "مقاله‌های قدیمی‌تر"),
    "newer": ("Newer articles", "Более новые статьи", "Жаңарақ мақалалар", "مقاله‌های جدیدتر"),
    "next": ("More results", "Ещё результаты", "Тағы нәтижелер", "نتایج بیشتر"),
    "previous": ("Previous results", "Предыдущие результаты", "Алдыңғы нәтижелер",
                 "نتایج قبلی"),
    "found": ("{n} found", "Найдено: {n}", "Табылды: {n}", "{n} مورد پیدا شد"),
    "nothing": ("Nothing found.", "Ничего не найдено.", "Ештеңе табылмады.", "چیزی پیدا نشد."),
    "did_you_mean": ("Did you mean:", "Возможно, вы имели в виду:", "Мүмкін, мынаны іздедіңіз:",
                     "شاید منظورتان این بود:"),
    "query_error": ("This search cannot be run as typed:", "Этот запрос нельзя выполнить:",
                    "Бұл іздеуді жазылғандай орындау мүмкін емес:",
                    "این جستجو را به این شکل نمی‌توان انجام داد:"),
    "private_filter": (
        "is:read, is:unread and bookmarks are the reading state of this computer's owner; "
        "they are not shared here.",
        "is:read, is:unread и закладки — это история чтения владельца компьютера; "
        "здесь они не показываются.",
        "is:read, is:unread және бетбелгілер — компьютер иесінің оқу тарихы; "
        "олар мұнда көрсетілмейді.",
        "is:read، is:unread و نشانک‌ها وضعیت خواندن صاحب این رایانه است و اینجا نشان داده "
        "نمی‌شود."),
    "empty": ("The library has no articles yet.", "В библиотеке пока нет статей.",
              "Кітапханада әзірге мақала жоқ.", "کتابخانه هنوز مقاله‌ای ندارد."),
    "not_found": ("There is no such page here.", "Такой страницы здесь нет.",
                  "Мұнда мұндай бет жоқ.", "چنین صفحه‌ای اینجا نیست."),
    "too_many": ("Too many requests: wait a moment, then try again.",
                 "Слишком много запросов: подождите немного и попробуйте снова.",
                 "Сұраулар тым көп: сәл күтіп, қайта көріңіз.",
                 "درخواست‌ها بیش از حد است: کمی صبر کنید و دوباره امتحان کنید."),
    "busy": ("The reading room is busy: try again in a moment.",
             "Читальный зал занят: попробуйте через минуту.",
             "Оқу залы бос емес: сәлден соң қайта көріңіз.",
             "قرائت‌خانه شلوغ است: کمی بعد دوباره امتحان کنید."),
    "failed": ("Something went wrong showing this page.", "Не удалось показать эту страницу.",
               "Бұл бетті көрсету мүмкін болмады.", "نمایش این صفحه با خطا روبه‌رو شد."),
    "back": ("Back to all articles", "Ко всем статьям", "Барлық мақалаларға",
             "بازگشت به همهٔ مقاله‌ها"),
    "provenance": ("Where this came from", "Откуда эта статья", "Бұл мақала қайдан келді",
                   "این مقاله از کجا آمده"),
    "publisher": ("Publisher", "Издатель", "Баспагер", "ناشر"),
    "fingerprint": ("Fingerprint", "Отпечаток ключа", "Кілт ізі", "اثر انگشت کلید"),
    "compare": (
        "Compare the fingerprint with the one the publisher gave you in person or on paper.",
        "Сверьте отпечаток с тем, который издатель дал вам лично или на бумаге.",
        "Кілт ізін баспагер сізге өзі немесе қағазда берген ізбен салыстырыңыз.",
        "اثر انگشت را با آنچه ناشر حضوری یا روی کاغذ به شما داده مقایسه کنید."),
    "trust": ("Trust", "Доверие", "Сенім", "اعتماد"),
    "trusted": ("trusted publisher", "доверенный издатель", "сенімді баспагер",
                "ناشر مورد اعتماد"),
    "unknown": ("unverified publisher", "непроверенный издатель", "тексерілмеген баспагер",
                "ناشر تأییدنشده"),
    "revoked": ("publisher revoked its keys", "издатель отозвал свои ключи",
                "баспагер кілттерін қайтарып алды", "ناشر کلیدهایش را باطل کرده است"),
    "blocked": ("blocked publisher", "заблокированный издатель", "бұғатталған баспагер",
                "ناشر مسدودشده"),
    "unknown_note": (
        "The signature is valid, but the owner of this library has not confirmed who "
        "holds this key.",
        "Подпись верна, но владелец библиотеки не подтвердил, чей это ключ.",
        "Қолтаңба дұрыс, бірақ кітапхана иесі бұл кілттің кімдікі екенін растамаған.",
        "امضا معتبر است، اما صاحب این کتابخانه تأیید نکرده که این کلید از آنِ کیست."),
    "signed_version": ("Signed version {n}", "Подписанная версия {n}", "Қол қойылған {n}-нұсқа",
                       "نسخهٔ امضاشدهٔ {n}"),
    "image_refused": ("image not shown: too large", "изображение не показано: слишком большое",
                      "сурет көрсетілмеді: тым үлкен", "تصویر نشان داده نشد: بیش از حد بزرگ"),
    "choose": ("Choose", "Выбрать", "Таңдау", "انتخاب"),
    "download": ("Download the chosen articles as a Satchel bundle",
                 "Скачать выбранные статьи пакетом Satchel",
                 "Таңдалған мақалаларды Satchel бумасы ретінде жүктеу",
                 "دریافت مقاله‌های انتخاب‌شده به صورت بستهٔ Satchel"),
    "download_help": (
        "For another Satchel reader: every article keeps its publisher's signature.",
        "Для другой программы Satchel: каждая статья сохраняет подпись издателя.",
        "Басқа Satchel бағдарламасы үшін: әр мақала баспагердің қолтаңбасын сақтайды.",
        "برای برنامهٔ Satchel دیگر: امضای ناشر روی هر مقاله می‌ماند."),
    "download_one": ("Download this article as a Satchel bundle",
                     "Скачать статью пакетом Satchel",
                     "Мақаланы Satchel бумасы ретінде жүктеу",
                     "دریافت این مقاله به صورت بستهٔ Satchel"),
    "choose_some": ("Choose at least one article.", "Выберите хотя бы одну статью.",
                    "Кемінде бір мақаланы таңдаңыз.", "دست‌کم یک مقاله انتخاب کنید."),
    "too_big": ("That is too much for one download: choose fewer articles.",
                "Это слишком много для одной загрузки: выберите меньше статей.",
                "Бір жүктеуге бұл тым көп: азырақ мақала таңдаңыз.",
                "این برای یک بار دریافت زیاد است: مقاله‌های کمتری انتخاب کنید."),
    "interface": ("Interface language", "Язык интерфейса", "Интерфейс тілі", "زبان رابط"),
    "status_corrected": ("corrected by the publisher", "исправлено издателем",
                         "баспагер түзеткен", "اصلاح‌شده توسط ناشر"),
    "status_retracted": ("retracted by the publisher", "отозвано издателем",
                         "баспагер қайтарып алған", "پس‌گرفته‌شده توسط ناشر"),
    "retired": ("signed by a retired key", "подписано выведенным из употребления ключом",
                "қолданыстан шыққан кілтпен қол қойылған", "امضاشده با کلیدی بازنشسته"),
    "conflict": ("conflicting versions: neither is shown as current",
                 "противоречащие версии: ни одна не показана как текущая",
                 "бір-біріне қайшы нұсқалар: ешқайсысы ағымдағы ретінде көрсетілмейді",
                 "نسخه‌های متناقض: هیچ‌کدام نسخهٔ فعلی نشان داده نمی‌شود"),
    "superseded": ("superseded by version {n}", "заменено версией {n}", "{n}-нұсқамен ауыстырылған",
                   "نسخهٔ {n} جای آن را گرفته است"),
    "held_revoked": ("kept, not current: it arrived after the publisher revoked its keys",
                     "сохранено, но не текущее: пришло после того, как издатель отозвал ключи",
                     "сақталған, бірақ ағымдағы емес: баспагер кілттерін қайтарғаннан кейін келген",
                     "نگه داشته شده، نه فعلی: پس از باطل شدن کلیدهای ناشر رسیده است"),
    "held_retired": ("kept, not current: signed only by a retired key",
                     "сохранено, но не текущее: подписано только выведенным ключом",
                     "сақталған, бірақ ағымдағы емес: тек шыққан кілтпен қол қойылған",
                     "نگه داشته شده، نه فعلی: فقط با کلیدی بازنشسته امضا شده"),
    "newer_revoked": (
        "newer version {n} held back: it arrived after the publisher revoked its keys",
        "более новая версия {n} не показана: пришла после того, как издатель отозвал ключи",
        "жаңарақ {n}-нұсқа көрсетілмеді: баспагер кілттерін қайтарғаннан кейін келген",
        "نسخهٔ جدیدتر {n} کنار گذاشته شد: پس از باطل شدن کلیدهای ناشر رسیده است"),
    "newer_retired": (
        "newer version {n} held back: signed only by a retired key",
        "более новая версия {n} не показана: подписана только выведенным ключом",
        "жаңарақ {n}-нұсқа көрсетілмеді: тек шыққан кілтпен қол қойылған",
        "نسخهٔ جدیدتر {n} کنار گذاشته شد: فقط با کلیدی بازنشسته امضا شده"),
    "articles_count": ("{n} articles", "статей: {n}", "{n} мақала", "{n} مقاله"),
}

# ArticleView.notices (reader/articles.py `_with_notices`) to message ids; the ones
# with a number are matched by pattern.
_NOTICES = {
    "unverified publisher": "unknown",
    "publisher revoked its keys": "revoked",
    "signed by a retired key": "retired",
    "conflicting versions: neither is shown as current": "conflict",
    "kept, not current: it arrived after the publisher revoked its keys": "held_revoked",
    "kept, not current: signed only by a retired key": "held_retired",
    "retracted by the publisher": "status_retracted",
    "corrected by the publisher": "status_corrected",
}
_NUMBERED = (
    (re.compile(r"^superseded by version (\d+)$"), "superseded"),
    (re.compile(r"^newer version (\d+) held back: it arrived after the publisher revoked "
                r"its keys$"), "newer_revoked"),
    (re.compile(r"^newer version (\d+) held back: signed only by a retired key$"),
     "newer_retired"),
)


class Messages:
    """The words of one interface language: `m("found", n=3)`."""

    def __init__(self, language: str):
        self.language = language if language in LANGUAGES else "en"
        self._column = LANGUAGES.index(self.language)
        self.rtl = self.language in RTL_UI

    def __call__(self, key: str, **values: object) -> str:
        text = _MESSAGES[key][self._column]
        return text.format(**values) if values else text

    def notice(self, notice: str) -> str:
        """A library notice in this language (as the library wrote it when unknown)."""
        key = _NOTICES.get(notice)
        if key is not None:
            return self(key)
        for pattern, numbered in _NUMBERED:
            match = pattern.match(notice)
            if match:
                return self(numbered, n=match.group(1))
        return notice


_TAG = re.compile(r"^\s*([A-Za-z]{1,8})(?:-[A-Za-z0-9]{1,8})*\s*(?:;\s*q\s*=\s*([0-9.]{1,5}))?\s*$")


def from_accept_language(header: str) -> str | None:
    """The supported language the browser prefers most, or None."""
    best: tuple[float, int, str] | None = None
    for position, part in enumerate(header[:500].split(",")[:20]):
        match = _TAG.match(part)
        if not match:
            continue
        language = match.group(1).lower()
        try:
            quality = float(match.group(2)) if match.group(2) else 1.0
        except ValueError:
            continue
        if language in LANGUAGES and quality > 0:
            candidate = (-quality, position, language)
            if best is None or candidate < best:
                best = candidate
    return best[2] if best else None


def choose(query_value: str | None, cookie_value: str | None, accept: str) -> str:
    for value in (query_value, cookie_value):
        if value in LANGUAGES:
            return value
    return from_accept_language(accept) or "en"


def messages_table() -> Mapping[str, tuple[str, str, str, str]]:
    return _MESSAGES
