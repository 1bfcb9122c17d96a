"""The words of the demo city's problem reports (`reports.demo`): what can be reported, which
body answers for it where, the providers people complain about, and what people and bodies
write. Kept apart from the code that seeds them, as the ideas demo does."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoBody:
    """A municipal body: found by its slug (the profiles demo has the departments), else made."""

    slug: str
    name: str
    about: str = ""
    district: str = ""  # a district administration's district slug
    # How long it takes to give its first answer, in days (from, to), and how often it never
    # answers at all: one body is slow, so the accountability page shows a difference.
    response_days: tuple[float, float] = (1, 4)
    silent_share: float = 0.1


@dataclass(frozen=True)
class DemoAttribute:
    code: str
    question_uk: str
    question_en: str
    datatype: str
    required: bool = False
    values: tuple[tuple[str, str, str], ...] = ()  # (key, name_uk, name_en)


@dataclass(frozen=True)
class DemoCategory:
    code: str
    name_uk: str
    name_en: str
    description_uk: str
    description_en: str
    group: str
    keywords: str
    target_days: int
    body: str  # the default route's body slug
    # District slug → body slug: routes of their own (a district administration).
    overrides: dict[str, str] = field(default_factory=dict)
    attributes: tuple[DemoAttribute, ...] = ()
    kind: str = "place"
    weight: int = 10  # how often it is reported, relatively
    titles: tuple[str, ...] = ()
    details: tuple[str, ...] = ()


TRANSPORT = "departament-transportu-yasnohorod"
HOUSING = "departament-zhytlovo-komunalnoho-hospodarstva"
ECOLOGY = "upravlinnia-ekolohii-yasnohorod"
LIGHTING = "kp-misksvitlo-yasnohorod"
GREENERY = "kp-zelenbud-yasnohorod"
CONSUMERS = "upravlinnia-zakhystu-prav-spozhyvachiv-yasnohorod"
CENTRAL_ADMIN = "administratsiia-tsentralnoho-raionu"
PODIL_ADMIN = "administratsiia-podilskoho-raionu"
FACTORY_ADMIN = "administratsiia-zavodskoho-raionu"

BODIES = [
    DemoBody(
        TRANSPORT,
        "Департамент транспорту та дорожньої інфраструктури",
        response_days=(1, 5),
        silent_share=0.08,
    ),
    # The slow one: weeks to a first answer, and a quarter of its reports never get one.
    DemoBody(
        HOUSING,
        "Департамент житлово-комунального господарства",
        response_days=(8, 30),
        silent_share=0.25,
    ),
    DemoBody(
        ECOLOGY,
        "Управління екології та природних ресурсів",
        response_days=(1, 6),
        silent_share=0.1,
    ),
    DemoBody(
        LIGHTING,
        "КП «Міськсвітло»",
        "Вуличне освітлення: ремонт ліхтарів, заміна ламп, нічне чергування аварійної бригади.",
        response_days=(0.2, 2),
        silent_share=0.03,
    ),
    DemoBody(
        GREENERY,
        "КП «Зеленбуд»",
        "Догляд за деревами, парками й скверами, аварійне видалення дерев.",
        response_days=(0.5, 3),
        silent_share=0.05,
    ),
    DemoBody(
        CONSUMERS,
        "Управління захисту прав споживачів",
        "Розглядає скарги на якість і облік послуг, обмір і обважування, відмови в обслуговуванні.",
        response_days=(3, 12),
        silent_share=0.1,
    ),
    DemoBody(
        CENTRAL_ADMIN,
        "Адміністрація Центрального району",
        "Благоустрій дворів, дитячі майданчики й чистота в Центральному районі.",
        district="tsentralnyi",
        response_days=(1, 4),
        silent_share=0.05,
    ),
    DemoBody(
        PODIL_ADMIN,
        "Адміністрація Подільського району",
        "Дороги місцевого значення, двори й майданчики Подільського району.",
        district="podilskyi",
        response_days=(2, 7),
        silent_share=0.1,
    ),
    DemoBody(
        FACTORY_ADMIN,
        "Адміністрація Заводського району",
        "Двори, внутрішньоквартальні проїзди й прибирання в Заводському районі.",
        district="zavodskyi",
        response_days=(2, 9),
        silent_share=0.12,
    ),
]

# (slug, name, about): the providers of the book of complaints.
PROVIDERS = [
    (
        "kp-yasnohorodvodokanal",
        "КП «Ясногородводоканал»",
        "Водопостачання та водовідведення міста.",
    ),
    (
        "tov-yasnohorodteploenerho",
        "ТОВ «Ясногородтеплоенерго»",
        "Централізоване опалення та гаряча вода.",
    ),
    (
        "pp-miski-marshruty",
        "ПП «Міські маршрути»",
        "Автобусні маршрути № 3, 7, 12 і 21.",
    ),
    (
        "tsentralnyi-rynok-yasnohorod",
        "Центральний ринок",
        "Ринок на Соборній: 300 торгових місць.",
    ),
    (
        "tov-chysto-misto",
        "ТОВ «Чисте місто»",
        "Вивезення побутових відходів за договорами з ОСББ.",
    ),
]

DEPTH = DemoAttribute(
    "depth",
    "Наскільки глибока яма?",
    "How deep is the pothole?",
    "singlevaluelist",
    required=True,
    values=(
        ("shallow", "Неглибока (до 5 см)", "Shallow (under 5 cm)"),
        ("deep", "Глибока (5–15 см)", "Deep (5–15 cm)"),
        ("dangerous", "Небезпечна (понад 15 см)", "Dangerous (over 15 cm)"),
    ),
)
POLE = DemoAttribute(
    "pole_number",
    "Номер опори (написаний на стовпі)",
    "Pole number (written on the pole)",
    "string",
)
VOLUME = DemoAttribute(
    "volume_m3",
    "Приблизний об'єм сміття, м³",
    "Approximate volume of rubbish, m³",
    "number",
)
WHERE_TREE = DemoAttribute(
    "blocks",
    "Що перекриває дерево?",
    "What does the tree block?",
    "multivaluelist",
    values=(
        ("road", "Проїжджу частину", "The road"),
        ("pavement", "Тротуар", "The pavement"),
        ("wires", "Дроти", "Power lines"),
    ),
)
PROVIDER_DATE = DemoAttribute(
    "when",
    "Коли це сталося?",
    "When did it happen?",
    "datetime",
)

CATEGORIES = [
    DemoCategory(
        "pothole",
        "Яма на дорозі",
        "Pothole",
        "Вибоїна чи провал на проїжджій частині або тротуарі.",
        "A hole or a sunken patch in the road or pavement.",
        "roads",
        "яма, вибоїна, асфальт, дорога",
        14,
        TRANSPORT,
        overrides={"podilskyi": PODIL_ADMIN, "zavodskyi": FACTORY_ADMIN},
        attributes=(DEPTH,),
        weight=22,
        titles=(
            "Яма на проїжджій частині",
            "Глибока вибоїна біля переходу",
            "Провал асфальту",
            "Яма на тротуарі",
            "Розбитий асфальт біля зупинки",
        ),
        details=(
            "Машини різко гальмують і об'їжджають по зустрічній.",
            "Після дощу її не видно, вже двоє пошкодили колеса.",
            "Яма росте щотижня, краї кришаться.",
            "Люди з візочками обходять її проїжджою частиною.",
        ),
    ),
    DemoCategory(
        "streetlight",
        "Не світить ліхтар",
        "Broken streetlight",
        "Вуличний ліхтар не горить, блимає чи світить удень.",
        "A street light is out, flickering or on during the day.",
        "lighting",
        "ліхтар, освітлення, світло",
        7,
        LIGHTING,
        attributes=(POLE,),
        weight=16,
        titles=(
            "Не горить ліхтар",
            "Темна ділянка вулиці",
            "Ліхтар блимає всю ніч",
            "Ліхтар світить удень",
        ),
        details=(
            "Увечері на цій ділянці зовсім темно, діти йдуть зі школи.",
            "Не горять одразу три ліхтарі підряд.",
            "Лампа блимає, у сусідніх вікнах неможливо спати.",
            "Ліхтар горить цілий день, а ввечері гасне.",
        ),
    ),
    DemoCategory(
        "rubbish",
        "Сміття, стихійне звалище",
        "Rubbish or illegal dump",
        "Переповнені контейнери, будівельне сміття, стихійне звалище.",
        "Overflowing bins, builders' waste or an illegal dump.",
        "waste",
        "сміття, звалище, контейнер",
        5,
        HOUSING,
        overrides={"tsentralnyi": CENTRAL_ADMIN},
        attributes=(VOLUME,),
        weight=16,
        titles=(
            "Стихійне звалище",
            "Переповнені контейнери",
            "Будівельне сміття на узбіччі",
            "Гілля й листя не вивезли",
        ),
        details=(
            "Контейнери не вивозили вже тиждень, сміття розносить вітер.",
            "Хтось вивантажив мішки з будівельним сміттям.",
            "Звалище росте, з'явилися щури.",
            "Після прибирання двору купи листя лежать другий тиждень.",
        ),
    ),
    DemoCategory(
        "graffiti",
        "Графіті, незаконна реклама",
        "Graffiti or fly-posting",
        "Написи й малюнки на стінах, наклейки й оголошення на опорах.",
        "Graffiti on walls, stickers and posters on poles.",
        "buildings",
        "графіті, написи, реклама",
        21,
        HOUSING,
        overrides={"tsentralnyi": CENTRAL_ADMIN},
        weight=8,
        titles=(
            "Написи на фасаді",
            "Реклама наркотиків на стіні",
            "Графіті на зупинці",
            "Обклеєна опора",
        ),
        details=(
            "Написи з'явилися на відремонтованому фасаді.",
            "Реклама з посиланнями на сумнівні сайти, поруч школа.",
            "Оголошення клеять шарами, опора вже вся в папері.",
        ),
    ),
    DemoCategory(
        "fallen-tree",
        "Повалене дерево, небезпечна гілка",
        "Fallen tree or dangerous branch",
        "Дерево впало чи нахилилося, гілка висить над дорогою чи дротами.",
        "A tree has fallen or leans, a branch hangs over a road or wires.",
        "greenery",
        "дерево, гілка, аварійне",
        3,
        GREENERY,
        attributes=(WHERE_TREE,),
        weight=8,
        titles=(
            "Повалене дерево",
            "Гілка висить над тротуаром",
            "Аварійне дерево біля будинку",
            "Дерево лежить на дротах",
        ),
        details=(
            "Після вітру дерево впало й перекрило прохід.",
            "Суха гілка висить над тротуаром, може впасти на людей.",
            "Стовбур тріснув, дерево нахиляється до вікон.",
        ),
    ),
    DemoCategory(
        "playground",
        "Зламаний дитячий майданчик",
        "Broken playground",
        "Зламані гойдалки, гірки, огорожі, небезпечне обладнання.",
        "Broken swings, slides or fences, unsafe equipment.",
        "buildings",
        "майданчик, гойдалка, діти",
        30,
        HOUSING,
        overrides={
            "tsentralnyi": CENTRAL_ADMIN,
            "podilskyi": PODIL_ADMIN,
            "zavodskyi": FACTORY_ADMIN,
        },
        weight=7,
        titles=(
            "Зламана гойдалка",
            "Гірка з гострими краями",
            "Розхитана огорожа майданчика",
            "Пісочниця без піску й зі склом",
        ),
        details=(
            "Ланцюг гойдалки перетерся, діти все одно катаються.",
            "Металевий край гірки відігнувся, можна порізатися.",
            "У пісочниці бите скло.",
        ),
    ),
    DemoCategory(
        "blocked-drain",
        "Забита зливова каналізація",
        "Blocked drain",
        "Забиті зливоприймачі, калюжі після дощу, відкриті люки.",
        "Blocked gullies, standing water after rain, open manholes.",
        "water",
        "злива, каналізація, калюжа, люк",
        7,
        HOUSING,
        weight=8,
        titles=(
            "Забита злива, стоїть вода",
            "Відкритий люк",
            "Калюжа на весь перехід",
            "Зливоприймач забитий листям",
        ),
        details=(
            "Після кожного дощу вода стоїть по щиколотку.",
            "Люк без кришки, поруч дитячий садок.",
            "Пішоходи перестрибують калюжу, взимку там буде каток.",
        ),
    ),
    DemoCategory(
        "bus-stop",
        "Пошкоджена зупинка",
        "Damaged bus stop",
        "Розбите скло, зламана лава, немає розкладу на зупинці.",
        "Broken glass, a broken bench, no timetable at a stop.",
        "transport",
        "зупинка, павільйон, розклад",
        21,
        TRANSPORT,
        weight=6,
        titles=(
            "Розбите скло на зупинці",
            "Зламана лава на зупинці",
            "Немає розкладу на зупинці",
            "Протікає дах павільйону",
        ),
        details=(
            "Уламки скла лежать на лаві й під ногами.",
            "Літнім людям ніде сісти, лаву зламали.",
            "Розклад зірвали місяць тому.",
        ),
    ),
    DemoCategory(
        "abandoned-car",
        "Покинутий автомобіль",
        "Abandoned car",
        "Автомобіль без номерів чи розбитий, що місяцями стоїть на одному місці.",
        "A car without plates or wrecked, left in one place for months.",
        "roads",
        "автомобіль, покинутий, брухт",
        30,
        HOUSING,
        weight=4,
        titles=(
            "Покинутий автомобіль у дворі",
            "Розбита машина без номерів",
            "Авто стоїть на газоні півроку",
        ),
        details=(
            "Машина без коліс займає два паркомісця.",
            "Скло розбите, всередині сміття, діти лазять.",
        ),
    ),
    DemoCategory(
        "road-sign",
        "Немає дорожнього знака",
        "Missing road sign",
        "Зник, зігнутий чи закритий гілками дорожній знак, стерта розмітка.",
        "A road sign gone, bent or hidden by branches, worn road markings.",
        "roads",
        "знак, розмітка, перехід",
        10,
        TRANSPORT,
        weight=5,
        titles=(
            "Немає знака «Пішохідний перехід»",
            "Зігнутий знак",
            "Стерта розмітка переходу",
            "Знак закрили гілки",
        ),
        details=(
            "Водії не бачать переходу й не пропускають людей.",
            "Знак лежить на землі після ДТП.",
            "Розмітку не видно зовсім, перехід біля школи.",
        ),
    ),
    DemoCategory(
        "poor-service",
        "Неякісна послуга",
        "Poor quality of a service",
        "Послуга надана неякісно: холодні батареї, брудна вода, несправний транспорт.",
        "A service of poor quality: cold radiators, dirty water, a faulty bus.",
        "services",
        "якість, послуга, скарга",
        30,
        CONSUMERS,
        kind="provider",
        attributes=(PROVIDER_DATE,),
        titles=(
            "Іржава вода з крана",
            "Батареї ледь теплі",
            "Автобус без опалення взимку",
            "Тухле м'ясо на прилавку",
        ),
        details=(
            "Так триває вже тиждень, у диспетчерській кажуть чекати.",
            "Рахунок прийшов повний, а послуга — ні.",
            "Показав продавцю, той лише знизав плечима.",
        ),
    ),
    DemoCategory(
        "short-measure",
        "Обмір, обважування",
        "Short measure or weight",
        "Недоважили товар, лічильник рахує більше, ніж спожито.",
        "Goods short in weight, a meter counting more than was used.",
        "services",
        "ваги, обважування, лічильник",
        30,
        CONSUMERS,
        kind="provider",
        titles=(
            "Недоважили на ринку",
            "Нарахування більше за лічильник",
            "Ваги на прилавку без повірки",
        ),
        details=(
            "Перевірив на контрольних вагах — на 200 грамів менше.",
            "У квитанції об'єм удвічі більший, ніж показує лічильник.",
        ),
    ),
    DemoCategory(
        "late-service",
        "Запізнення чи зрив послуги",
        "Late or missed service",
        "Послугу не надали вчасно: не приїхав автобус, не вивезли сміття, не дали воду.",
        "A service not delivered on time: no bus, bins not emptied, water not back.",
        "services",
        "запізнення, розклад, графік",
        30,
        CONSUMERS,
        kind="provider",
        titles=(
            "Автобус не вийшов на рейс",
            "Сміття не вивезли за графіком",
            "Воду не дали в обіцяний час",
        ),
        details=(
            "Чекали на зупинці 50 хвилин, два рейси випали.",
            "За договором вивозять щовівторка, а минуло вже два тижні.",
        ),
    ),
    DemoCategory(
        "rude-refusal",
        "Грубість, незаконна відмова",
        "Rude or unlawful refusal",
        "Відмовили в обслуговуванні без підстав, нагрубили, не прийняли пільговий квиток.",
        "Refused service without grounds, rudeness, a concession ticket not accepted.",
        "services",
        "відмова, грубість, пільга",
        30,
        CONSUMERS,
        kind="provider",
        titles=(
            "Водій не взяв пільговика",
            "Касир відмовився прийняти заяву",
            "Грубість диспетчера",
        ),
        details=(
            "Посвідчення показала, а водій висадив на наступній зупинці.",
            "Сказали приходити завтра, і так уже третій раз.",
        ),
    ),
]

STREETS = [
    "вул. Соборна",
    "вул. Шевченка",
    "просп. Незалежності",
    "вул. Лісова",
    "вул. Заводська",
    "вул. Садова",
    "вул. Липова",
    "вул. Вокзальна",
    "вул. Гагаріна",
    "вул. Івана Франка",
    "вул. Лесі Українки",
    "вул. Героїв Крут",
    "вул. Шкільна",
    "вул. Набережна",
    "просп. Миру",
    "вул. Соснова",
    "вул. Квітнева",
    "бульв. Каштановий",
]
LANDMARKS = [
    "біля зупинки",
    "навпроти школи",
    "біля входу до поліклініки",
    "у дворі",
    "біля аптеки",
    "на розі з провулком",
    "біля супермаркету",
    "біля дитячого садка",
    "на пішохідному переході",
    "біля під'їзду",
]
OPENINGS = [
    "{title} — {street}, {landmark}.",
    "{street}, {landmark}: {title_lower}.",
    "Звертаюся щодо проблеми: {title_lower} ({street}, {landmark}).",
]
CLOSINGS = [
    "Просимо усунути якнайшвидше.",
    "Прошу повідомити, коли буде зроблено.",
    "Сусіди вже дзвонили на гарячу лінію, результату немає.",
    "",
]

# The body's official updates, by the state they move to.
OFFICIAL = {
    "investigating": [
        "Фахівці виїдуть на місце для обстеження протягом тижня.",
        "Проводимо обстеження, з'ясовуємо балансоутримувача.",
    ],
    "action_scheduled": [
        "Роботи включено до графіка, виконаємо до вказаної дати.",
        "Бригаду заплановано на наступний тиждень.",
    ],
    "in_progress": [
        "Бригада працює на місці.",
        "Роботи розпочато, просимо вибачення за тимчасові незручності.",
    ],
    "fixed": [
        "Роботи виконано. Дякуємо за звернення!",
        "Усунуто. Якщо проблема повториться, напишіть нам.",
        "Виконано ремонт, фото додано до акта робіт.",
    ],
    "not_responsible": [
        "Ділянка не на балансі міста: звернення переслано власнику.",
        "Це відповідальність балансоутримувача будинку, повідомили його.",
    ],
    "duplicate": ["Про цю проблему вже повідомили; стежте за зверненням, на яке дано посилання."],
    "unable_to_fix": [
        "Коштів на ці роботи в бюджеті цього року немає; внесено до програми наступного року.",
        "Виконати неможливо до завершення реконструкції мереж.",
    ],
    "": [
        "Звернення на контролі.",
        "Уточнюємо терміни виконання з підрядником.",
    ],
}
# The consumer protection department's updates on complaints about providers.
OFFICIAL_COMPLAINT = {
    "investigating": [
        "Скаргу зареєстровано; надіслали постачальнику запит про пояснення.",
        "Призначено позапланову перевірку постачальника.",
    ],
    "action_scheduled": [
        "Перевірку призначено; дату погоджено з постачальником.",
    ],
    "in_progress": [
        "Триває перевірка: вивчаємо документи й записи постачальника.",
    ],
    "fixed": [
        "Порушення підтвердилося: постачальника оштрафовано, перерахунок зроблено.",
        "Постачальник визнав порушення й усунув його; працівника притягнуто до відповідальності.",
    ],
    "not_responsible": [
        "Це спір за договором між вами й постачальником: звертайтеся до суду або омбудсмена.",
    ],
    "unable_to_fix": [
        "Порушення не вдалося підтвердити: записів і свідків немає.",
    ],
    "": [
        "Скарга на контролі, відповідь постачальника очікуємо до кінця місяця.",
    ],
}
REOPEN = [
    "Досі не виправлено: подивіться самі, все як було.",
    "Зробили погано, через тиждень знову те саме.",
    "Ні, проблема лишилася.",
]
RESIDENT_FIXED = [
    "Проходив сьогодні — вже все зроблено, дякую!",
    "Виправили, перевірила сама.",
    "Нарешті зробили.",
]
HIDDEN_REASONS = [
    "Образи та персональні дані третіх осіб.",
    "Реклама, не стосується міської проблеми.",
    "Неправдиві звинувачення конкретної людини.",
]
