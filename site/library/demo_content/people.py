"""Who writes in the demo library: residents, organizations, and the proposals citizens have
sent that editors are still reviewing."""

from library.services import CaseStudyDraft, GuideDraft

PEOPLE = {
    "nataliia": ("nataliia.honcharenko@example.org", "Наталія", "Гончаренко"),
    "andrii": ("andrii.melnyk@example.org", "Андрій", "Мельник"),
    "iryna": ("iryna.bondar@example.org", "Ірина", "Бондар"),
    "oleh": ("oleh.savchuk@example.org", "Олег", "Савчук"),
    "sofiia": ("sofiia.tkachenko@example.org", "Софія", "Ткаченко"),
    "maryna": ("maryna.lysenko@example.org", "Марина", "Лисенко"),
    "petro": ("petro.kravets@example.org", "Петро", "Кравець"),
}

ORGANIZATIONS = {
    "osbb-kvitkova-12": ("ОСББ «Квіткова, 12»", "condominium", "podilskyi", ["nataliia"]),
    "dep-zhkh": (
        "Департамент житлово-комунального господарства Ясногородської міської ради",
        "municipal_body",
        "",
        [],
    ),
    "upravlinnia-osvity": (
        "Управління освіти Ясногородської міської ради",
        "municipal_body",
        "",
        [],
    ),
    "bezbarierni": ("ГО «Безбар'єрний Ясногород»", "public_organization", "", ["sofiia"]),
    "enerhoklub": ("ГО «Енергоклуб Ясногорода»", "public_organization", "", ["andrii"]),
    "prozorist": ("ГО «Прозорий бюджет»", "public_organization", "", ["oleh"]),
}

TAGS_EN = {
    "осбб": "condominiums",
    "співвласники": "co-owners",
    "збори": "meetings",
    "ремонт": "repairs",
    "кошторис": "budgets",
    "двір": "courtyards",
    "благоустрій": "public spaces",
    "участь": "participation",
    "бюджет": "budget",
    "прозорість": "transparency",
    "відкриті дані": "open data",
    "громадський бюджет": "participatory budget",
    "prozorro": "prozorro",
    "дороги": "roads",
    "енергоефективність": "energy efficiency",
    "утеплення": "insulation",
    "доступність": "accessibility",
    "вулиці": "streets",
    "безбар'єрність": "barrier-free",
    "транспорт": "transport",
    "громадські слухання": "public hearings",
    "міська рада": "city council",
    "запит на інформацію": "information requests",
    "права": "rights",
}

PICTURES_EN = {
    "osbb-steps": "Diagram: initiative group, founding meeting, written poll, charter, "
    "registration",
    "courtyard-plan": "Courtyard plan: building, playground, benches, 12 parking spaces, "
    "kept trees",
    "budget-bars": "Bar chart of Yasnohorod's 2025 spending by sector, million hryvnias",
    "heat-loss": "Where a building loses heat: walls 35–40%, windows 20–25%, roof 15–20%",
    "curb-ramp": "Cross-section of a kerb drop: slope no steeper than 1:12, no step at the road",
    "energy-bars": "Heat use before insulation 1,420 MWh, after 790 MWh per season",
    "hearing-timeline": "Timeline: initiative, signatures, decision, hearing, proposals considered",
    "budget-calendar": "Budget calendar: forecast in May, requests in September, adoption "
    "by 25 December",
    "shelter-plan": "Shelter checklist: two exits, water, lighting, first aid, ventilation",
}

# Proposals citizens sent through the public form: (person, topic, draft, what editors did).
CONTRIBUTIONS = [
    (
        "maryna",
        "dvory-i-prostory",
        GuideDraft(
            title="Як організувати толоку у дворі",
            summary="Прибирання двору разом із сусідами: як домовитися, що взяти і куди "
            "подіти сміття.",
            tags=("двір", "сусіди"),
            time_needed="1 тиждень підготовки",
            authority="Управитель будинку або ОСББ",
            steps=(
                (
                    "Оберіть дату і повідомте сусідів",
                    "Оголошення в під'їздах і в чаті за тиждень; субота зранку — найкращий час.",
                ),
                (
                    "Домовтеся з управителем",
                    "Попросіть мішки, рукавиці й вивезення сміття після толоки.",
                ),
                ("Розподіліть ділянки", "Кожен під'їзд бере свою частину двору."),
            ),
            details="Після толоки добре зібратися на чай — так наступного разу прийде "
            "більше людей.",
        ),
        "in_review",
    ),
    (
        "petro",
        "dostupne-misto",
        CaseStudyDraft(
            title="Як ми відстояли зупинку маршрутки на Лісовій",
            summary="Перевізник хотів скасувати зупинку біля поліклініки. Мешканці "
            "домоглися, щоб її залишили і зробили доступною.",
            tags=("транспорт", "доступність"),
            problem="Зупинку біля поліклініки планували прибрати через ремонт дороги.",
            approach="Зібрали 600 підписів, звернулися до управління транспорту і на "
            "громадське обговорення схеми маршрутів.",
            outcome="Зупинку залишили, після ремонту зробили посадковий майданчик на рівні "
            "підлоги автобуса.",
            year=2025,
        ),
        "in_review",
    ),
    (
        "maryna",
        "uchast-u-rishenniakh",
        GuideDraft(
            title="Як зареєструвати місцеву ініціативу",
            summary="Місцева ініціатива дозволяє мешканцям внести питання на сесію ради.",
            tags=("участь", "міська рада"),
            steps=(
                ("Зберіть ініціативну групу", "Щонайменше 10 мешканців громади."),
                ("Зберіть підписи", "Кількість визначає статут громади."),
            ),
        ),
        "changes_requested",
    ),
    (
        "petro",
        "dvory-i-prostory",
        CaseStudyDraft(
            title="Велопарковка біля ОСББ «Липки» за гроші гранту",
            summary="ОСББ отримало невеликий грант і поставило криту велопарковку на 20 "
            "велосипедів.",
            tags=("двір", "осбб"),
            problem="Велосипеди зберігали на сходових клітинах, що заважало евакуації.",
            approach="ОСББ подало заявку на міський конкурс малих грантів і погодило місце "
            "на зборах.",
            outcome="Крита велопарковка на 20 місць; сходові клітини вільні.",
            year=2024,
            cost=None,
        ),
        "published",
    ),
    (
        "petro",
        "dvory-i-prostory",
        GuideDraft(
            title="Найкращі вікна для вашої квартири зі знижкою",
            summary="Замовляйте металопластикові вікна в нашій компанії.",
            steps=(("Зателефонуйте нам", "Знижка 20 % до кінця місяця."),),
        ),
        "rejected",
    ),
]

EDITOR_COMMENTS = {
    "changes_requested": "Дякуємо! Додайте, будь ласка, скільки підписів потрібно в "
    "Ясногороді (за статутом — 250), строки розгляду і куди подавати документи.",
    "rejected": "Бібліотека не публікує рекламу товарів і послуг. Якщо маєте досвід "
    "утеплення вікон у будинку, напишіть про нього як про кейс, без реклами.",
}

FEEDBACK_COMMENTS = [
    "Дуже допомогло, дякую! Зробили все за інструкцією.",
    "Бракує прикладу заповненого документа.",
    "Додайте, будь ласка, телефони відповідальних служб.",
    "Написано зрозуміло, навіть для людини без юридичної освіти.",
    "У нашому районі процедура трохи інша, варто це згадати.",
    "Корисно, але строки вже змінилися.",
]
