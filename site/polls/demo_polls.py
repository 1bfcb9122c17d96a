"""What the demo city's polls say and who they are for: one list of specs, read by
`polls.demo`. Each target the issue names (the city, a district, a building, a profession) has
polls in the states a visitor should meet: scheduled, open, and closed with results published.

`key_holders` are the e-mails of the demo accounts that hold a results key besides the
poll's creator (key holder 1).

`share` is the poll's part of the ballot budget (`settings.DEMO_POLL_BALLOTS`), `turnout` the
most of its audience that votes; a poll whose audience is too small for a secret ballot is an
open (named) vote and gets `turnout` of its audience as named votes, outside the budget.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoPoll:
    title: str
    summary: str
    description: str
    # "city", "district:<slug>", "building:<address>" or "professions"
    target: str
    state: str  # "scheduled", "open", "closed" (waiting for its key holders) or "published"
    creator: str  # "editor", "deputy" or "board"
    questions: list[dict] = field(default_factory=list)
    secrecy: str = "secret"
    share: float = 0.0
    turnout: float = 0.7
    spoilt: int = 0
    # (title, file name, CSV rows): documents the description refers to
    documents: tuple = ()
    key_holders: tuple = ()


def single(text: str, *options: str) -> dict:
    return {"text": text, "kind": "single", "max_choices": 1, "options": list(options)}


def multiple(text: str, k: int, *options: str) -> dict:
    return {"text": text, "kind": "multiple", "max_choices": k, "options": list(options)}


def scale(text: str) -> dict:
    return {"text": text, "kind": "scale", "max_choices": 1, "options": []}


POLLS = [
    DemoPoll(
        title="Бюджет участі 2026: що місто робить першим",
        summary="Місто мало 40 млн грн на проєкти мешканців. Ви обрали, з чого почати.",
        description=(
            "Рада зобов'язалася виконати результат голосування в межах бюджету участі.\n\n"
            "Кожен проєкт пройшов технічну експертизу; кошториси додано до опису."
        ),
        target="city",
        state="published",
        creator="editor",
        questions=[
            single(
                "Який проєкт профінансувати першим?",
                "Укриття в школах",
                "Нове освітлення набережної",
                "Велодоріжка через центр",
                "Ремонт дитячої лікарні",
            ),
            multiple(
                "Які ще два напрями важливі для вас?",
                2,
                "Зелені зони",
                "Доступність для людей з інвалідністю",
                "Громадський транспорт",
                "Спортивні майданчики",
                "Енергоощадність",
            ),
            scale("Наскільки ви довіряєте тому, як місто витрачає бюджет участі?"),
        ],
        share=0.4,
        turnout=0.85,
        spoilt=3,
        key_holders=("deputy@spilno.localhost",),
        documents=(
            (
                "Кошториси проєктів бюджету участі 2026",
                "koshtorysy-biudzhet-uchasti-2026.csv",
                [
                    ("Проєкт", "Кошторис, тис. грн", "Строк, місяців"),
                    ("Укриття в школах", "14800", "9"),
                    ("Нове освітлення набережної", "6200", "5"),
                    ("Велодоріжка через центр", "9700", "8"),
                    ("Ремонт дитячої лікарні", "12900", "12"),
                ],
            ),
        ),
    ),
    DemoPoll(
        title="Нічний громадський транспорт",
        summary="Чи запускати нічні автобусні маршрути з наступного року?",
        description=(
            "Перевізник готовий запустити чотири нічні маршрути; місто доплачує з бюджету.\n\n"
            "Голосування відкриється, щойно рада затвердить розрахунок вартості."
        ),
        target="city",
        state="scheduled",
        creator="editor",
        questions=[
            single("Чи потрібні місту нічні маршрути?", "Так", "Ні", "Лише у вихідні"),
            scale("Як часто ви повертаєтеся додому після 23:00?"),
        ],
    ),
    DemoPoll(
        title="Сквер на Соборній площі",
        summary="Яким буде сквер на місці колишньої автостоянки.",
        description="Три ескізи підготували студенти-архітектори; їх додано до опису.",
        target="district:sobornyi",
        state="published",
        creator="editor",
        questions=[
            single("Який ескіз втілити?", "Тіньовий сад", "Майданчик для ринку", "Сцена"),
            scale("Наскільки вам потрібен сквер у цьому місці?"),
        ],
        share=0.15,
        turnout=0.8,
        spoilt=1,
    ),
    DemoPoll(
        title="Зупинки нічного трамвая на Соборному",
        summary="Де зупинятиметься нічний трамвай у Соборному районі.",
        description=(
            "Голосування закрито. Результати з'являться, щойно обидві тримачки ключів "
            "результатів (редакція й депутатка) передадуть свої ключі."
        ),
        target="district:sobornyi",
        state="closed",
        creator="editor",
        questions=[
            single("Де потрібна зупинка?", "Біля вокзалу", "Біля лікарні", "Біля парку"),
            scale("Наскільки вам потрібен нічний трамвай?"),
        ],
        share=0.1,
        turnout=0.6,
        key_holders=("deputy@spilno.localhost",),
    ),
    DemoPoll(
        title="Пішохідна вулиця в центрі",
        summary="Закрити вулицю Хрещатицьку для авто у вихідні?",
        description=(
            "Депутат округу пропонує пробний сезон: з травня по вересень, субота й неділя."
        ),
        target="district:tsentralnyi",
        state="open",
        creator="deputy",
        questions=[
            single("Закрити вулицю для авто у вихідні?", "Так", "Ні", "Лише в неділю"),
            multiple(
                "Що там має бути?",
                3,
                "Лавки й тінь",
                "Вуличні музиканти",
                "Ярмарок",
                "Дитячий майданчик",
            ),
        ],
        share=0.15,
        turnout=0.6,
    ),
    DemoPoll(
        title="Порядок роботи експертної ради міста",
        summary="Як часто збиратися і як оприлюднювати висновки.",
        description=(
            "Голосують фахівці з підтвердженою кваліфікацією: ті, хто готує висновки для "
            "міських проєктів."
        ),
        target="professions",
        state="open",
        creator="editor",
        questions=[
            single("Як часто збиратися?", "Щомісяця", "Щокварталу", "За потреби"),
            scale("Наскільки зручно подавати висновки зараз?"),
        ],
        share=0.2,
        turnout=0.7,
    ),
    DemoPoll(
        title="Ремонт даху: Садова, 7",
        summary="Який кошторис ремонту даху затверджують співвласники.",
        description=(
            "Правління отримало дві пропозиції підрядників; обидві додано до опису.\n\n"
            "Голосування відкрите: будинок малий, тож таємне голосування видало б, хто як "
            "голосував."
        ),
        target="building:вул. Садова, 7",
        state="open",
        creator="board",
        questions=[
            single("Яку пропозицію прийняти?", "Підрядник А: 1,2 млн грн", "Підрядник Б: 0,9 млн"),
        ],
        secrecy="open",
        turnout=0.6,
        documents=(
            (
                "Пропозиції підрядників: дах, Садова 7",
                "propozytsii-pidriadnykiv-dakh.csv",
                [
                    ("Підрядник", "Вартість, грн", "Гарантія, років", "Строк, тижнів"),
                    ("Підрядник А", "1200000", "10", "6"),
                    ("Підрядник Б", "900000", "5", "8"),
                ],
            ),
        ),
    ),
    DemoPoll(
        title="Паркування у дворі «Каштану»",
        summary="Шлагбаум і розмітка місць у дворі будинку.",
        description="Співвласники вирішили поставити шлагбаум і розмітити 20 місць.",
        target="building:бульв. Шевченка, 15",
        state="published",
        creator="board",
        questions=[
            single("Ставити шлагбаум?", "Так", "Ні"),
            scale("Наскільки вам бракує місць для паркування?"),
        ],
        secrecy="open",
        turnout=0.8,
    ),
    DemoPoll(
        title="Внески на утримання: просп. Дніпровський, 21",
        summary="Новий розмір внеску з наступного кварталу.",
        description="Правління пропонує два варіанти внеску; розрахунки додано.",
        target="building:просп. Дніпровський, 21",
        state="scheduled",
        creator="board",
        questions=[single("Який внесок затвердити?", "9 грн/м²", "11 грн/м² з ремонтним фондом")],
        secrecy="open",
    ),
]
