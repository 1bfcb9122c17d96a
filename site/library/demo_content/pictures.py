"""Illustrations of the demo library, drawn here with Pillow: simple diagrams that explain
something (a procedure, a courtyard plan, a budget), with Cyrillic labels in DejaVu Sans."""

import io
from collections.abc import Callable

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 675
FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
INK, BRAND, WASH, ACCENT, GREEN, LINE = (
    "#1b1f24",
    "#0b5394",
    "#eef2f7",
    "#ffd43b",
    "#1e6b34",
    "#9aa6b6",
)


def _font(size: int, bold: bool = False):
    try:
        return ImageFont.truetype(BOLD_PATH if bold else FONT_PATH, size)
    except OSError:  # a machine without DejaVu still gets a picture, with Pillow's own font
        return ImageFont.load_default(size)


def _canvas(title: str) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (WIDTH, HEIGHT), WASH)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, WIDTH, 90], fill=BRAND)
    draw.text((40, 45), title, font=_font(38, bold=True), fill="white", anchor="lm")
    return image, draw


def _box(draw, xy, text, *, fill="white", outline=BRAND, size=26):
    draw.rounded_rectangle(xy, radius=16, fill=fill, outline=outline, width=4)
    x0, y0, x1, y1 = xy
    lines = text.split("\n")
    step = size + 8
    top = (y0 + y1) / 2 - step * (len(lines) - 1) / 2
    for i, line in enumerate(lines):
        draw.text(((x0 + x1) / 2, top + i * step), line, font=_font(size), fill=INK, anchor="mm")


def _arrow(draw, start, end):
    draw.line([start, end], fill=INK, width=5)
    x, y = end
    draw.polygon([(x, y), (x - 18, y - 11), (x - 18, y + 11)], fill=INK)


def steps_flow(title: str, steps: list[str]) -> Image.Image:
    image, draw = _canvas(title)
    n = len(steps)
    gap, top = 40, 200
    width = (WIDTH - 80 - gap * (n - 1)) / n
    for i, label in enumerate(steps):
        x0 = 40 + i * (width + gap)
        _box(draw, (x0, top, x0 + width, top + 260), label, size=24)
        draw.ellipse([x0 + width / 2 - 28, top - 70, x0 + width / 2 + 28, top - 14], fill=ACCENT)
        draw.text(
            (x0 + width / 2, top - 42), str(i + 1), font=_font(28, True), fill=INK, anchor="mm"
        )
        if i < n - 1:
            _arrow(draw, (x0 + width + 4, top + 130), (x0 + width + gap - 4, top + 130))
    return image


def courtyard_plan() -> Image.Image:
    image, draw = _canvas("План двору після ремонту")
    draw.rectangle([60, 130, 1140, 640], fill="#dfe8d8", outline=LINE, width=4)
    _box(draw, (80, 150, 1120, 230), "Будинок № 12 (під'їзди 1–4)", fill="#d7dde6")
    _box(draw, (90, 280, 430, 500), "Дитячий\nмайданчик", fill="#fff6d6", outline=ACCENT)
    _box(draw, (470, 280, 760, 420), "Лавки\nта освітлення", fill="white")
    _box(draw, (800, 280, 1110, 610), "Паркування\n12 місць", fill="#e6e9ee", outline=INK)
    for x, y in [(520, 480), (600, 540), (690, 470), (150, 560), (300, 580)]:
        draw.ellipse([x - 30, y - 30, x + 30, y + 30], fill=GREEN)
    draw.text((470, 610), "● дерева, які зберегли", font=_font(22), fill=GREEN, anchor="lm")
    return image


def bar_chart(title: str, bars: list[tuple[str, float]], unit: str) -> Image.Image:
    image, draw = _canvas(title)
    top, left, bar_h, gap = 130, 360, 52, 22
    biggest = max(value for _, value in bars)
    for i, (label, value) in enumerate(bars):
        y = top + i * (bar_h + gap)
        draw.text((left - 20, y + bar_h / 2), label, font=_font(24), fill=INK, anchor="rm")
        length = (WIDTH - left - 200) * value / biggest
        draw.rectangle([left, y, left + length, y + bar_h], fill=BRAND)
        draw.text(
            (left + length + 12, y + bar_h / 2),
            f"{value:g} {unit}",
            font=_font(24),
            fill=INK,
            anchor="lm",
        )
    return image


def heat_loss() -> Image.Image:
    image, draw = _canvas("Куди йде тепло з багатоквартирного будинку")
    draw.rectangle([300, 200, 620, 600], fill="white", outline=INK, width=5)
    draw.polygon([(280, 200), (460, 120), (640, 200)], fill="#d7dde6", outline=INK)
    for row in range(4):
        for col in range(3):
            x, y = 325 + col * 100, 230 + row * 90
            draw.rectangle([x, y, x + 65, y + 55], fill="#cfe3f7", outline=BRAND, width=3)
    labels = [
        ((460, 150), (700, 150), "Дах: 15–20 %"),
        ((620, 290), (700, 270), "Стіни: 35–40 %"),
        ((590, 440), (700, 390), "Вікна й двері: 20–25 %"),
        ((460, 600), (700, 510), "Підвал і підлога: 10–15 %"),
    ]
    draw.line([(300, 330), (285, 330)], fill="#b00020", width=4)
    draw.text((280, 330), "Вентиляція: 10–15 %", font=_font(22, True), fill="#b00020", anchor="rm")
    for start, end, text in labels:
        draw.line([start, end], fill="#b00020", width=4)
        draw.text((end[0] + 12, end[1]), text, font=_font(28, True), fill="#b00020", anchor="lm")
    return image


def curb_ramp() -> Image.Image:
    image, draw = _canvas("Пониження бордюру біля переходу (розріз)")
    draw.rectangle([60, 420, 1140, 470], fill="#9aa6b6")
    draw.text((180, 500), "Проїжджа частина", font=_font(24), fill=INK, anchor="mm")
    draw.polygon([(360, 420), (720, 300), (1140, 300), (1140, 420)], fill="#d7dde6", outline=INK)
    draw.text((930, 360), "Тротуар", font=_font(26, True), fill=INK, anchor="mm")
    draw.line([(360, 420), (720, 300)], fill=BRAND, width=7)
    draw.text((450, 290), "ухил не більше 1:12 (8 %)", font=_font(24), fill=BRAND, anchor="mm")
    for x in range(380, 700, 40):
        draw.ellipse([x, 395 - (x - 360) / 3, x + 14, 409 - (x - 360) / 3], fill=ACCENT)
    draw.text(
        (600, 620),
        "біля проїжджої частини — без сходинки; тактильні смуги — контрастні",
        font=_font(24),
        fill=INK,
        anchor="mm",
    )
    return image


def shelter_plan() -> Image.Image:
    image, draw = _canvas("Укриття в підвалі: що перевірити")
    draw.rectangle([80, 140, 1120, 620], fill="white", outline=INK, width=5)
    _box(draw, (110, 170, 420, 330), "Основний вхід\n(двері відчиняються\nназовні)", size=22)
    _box(draw, (780, 170, 1090, 330), "Аварійний вихід\n(не захаращений)", size=22)
    _box(draw, (110, 380, 420, 590), "Вода: 2 л\nна людину на добу", size=22, outline=GREEN)
    _box(
        draw,
        (450, 380, 750, 590),
        "Освітлення,\nліхтарі,\nзарядні станції",
        size=22,
        outline=ACCENT,
    )
    _box(draw, (780, 380, 1090, 590), "Вентиляція\nта санвузол", size=22)
    _box(
        draw,
        (450, 170, 750, 330),
        "Аптечка,\nвогнегасник,\nсписок контактів",
        size=22,
        outline="#b00020",
    )
    return image


def timeline(title: str, points: list[tuple[str, str]]) -> Image.Image:
    image, draw = _canvas(title)
    y = 380
    draw.line([(80, y), (1120, y)], fill=INK, width=6)
    step = (1040) / (len(points) - 1)
    for i, (when, what) in enumerate(points):
        x = 80 + i * step
        draw.ellipse([x - 18, y - 18, x + 18, y + 18], fill=ACCENT, outline=INK, width=3)
        draw.text((x, y - 60), when, font=_font(26, True), fill=BRAND, anchor="mm")
        for j, line in enumerate(what.split("\n")):
            draw.text((x, y + 60 + j * 32), line, font=_font(22), fill=INK, anchor="mm")
    return image


PICTURES: dict[str, tuple[str, str, Callable[[], Image.Image]]] = {
    "osbb-steps": (
        "Етапи створення ОСББ",
        "Схема: ініціативна група, установчі збори, письмове опитування, статут, реєстрація",
        lambda: steps_flow(
            "Як створити ОСББ: п'ять етапів",
            [
                "Ініціативна\nгрупа",
                "Установчі\nзбори",
                "Письмове\nопитування",
                "Статут і\nпротокол",
                "Реєстрація\nв ЦНАП",
            ],
        ),
    ),
    "courtyard-plan": (
        "План двору після ремонту",
        "План двору: будинок, дитячий майданчик, лавки, паркування на 12 місць, збережені дерева",
        courtyard_plan,
    ),
    "budget-bars": (
        "Видатки бюджету Ясногорода",
        "Стовпчикова діаграма видатків бюджету Ясногорода за галузями, млн грн",
        lambda: bar_chart(
            "Видатки бюджету Ясногорода, 2025 рік",
            [
                ("Освіта", 1480),
                ("Житлово-комунальне госп.", 690),
                ("Транспорт і дороги", 540),
                ("Соціальний захист", 410),
                ("Охорона здоров'я", 260),
                ("Культура і спорт", 150),
                ("Громадський бюджет", 30),
            ],
            "млн грн",
        ),
    ),
    "heat-loss": (
        "Тепловтрати будинку",
        "Схема тепловтрат будинку: стіни 35–40 %, вікна 20–25 %, дах 15–20 %, підвал і вентиляція",
        heat_loss,
    ),
    "curb-ramp": (
        "Пониження бордюру",
        "Розріз пониження бордюру: ухил не більше 1:12, без сходинки біля дороги, тактильні смуги",
        curb_ramp,
    ),
    "shelter-plan": (
        "Укриття в підвалі",
        "Схема укриття: два виходи, вода, освітлення, аптечка, вентиляція",
        shelter_plan,
    ),
    "hearing-timeline": (
        "Шлях громадських слухань",
        "Часова шкала: ініціатива, підписи, рішення про слухання, слухання, розгляд пропозицій",
        lambda: timeline(
            "Громадські слухання: від ініціативи до рішення",
            [
                ("День 1", "Ініціативна\nгрупа"),
                ("До 30 днів", "Збір\nпідписів"),
                ("+10 днів", "Рішення\nпро слухання"),
                ("+15 днів", "Слухання"),
                ("+30 днів", "Розгляд\nпропозицій"),
            ],
        ),
    ),
    "budget-calendar": (
        "Бюджетний календар",
        "Часова шкала бюджетного процесу міста: від прогнозу до ухвалення бюджету до 25 грудня",
        lambda: timeline(
            "Бюджетний календар міста",
            [
                ("Травень", "Прогноз\nбюджету"),
                ("Вересень", "Запити\nрозпорядників"),
                ("Листопад", "Проєкт і\nобговорення"),
                ("До 25.12", "Ухвалення\nсесією"),
                ("Щокварталу", "Звіти про\nвиконання"),
            ],
        ),
    ),
    "energy-bars": (
        "Споживання тепла до і після утеплення",
        "Діаграма: споживання тепла будинком до утеплення 1 420 МВт·год, після — 790 МВт·год",
        lambda: bar_chart(
            "Споживання тепла будинком, МВт·год за сезон",
            [("До утеплення", 1420), ("Після: 1-й рік", 860), ("Після: 2-й рік", 790)],
            "МВт·год",
        ),
    ),
}


def picture_png(key: str) -> bytes:
    buffer = io.BytesIO()
    PICTURES[key][2]().save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
