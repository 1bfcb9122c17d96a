"""Insulating buildings, heat meters, energy audits."""

from library.demo_content import Article

ARTICLES = [
    Article(
        topic="enerhoefektyvnist",
        slug="yak-uteplyty-bahatokvartyrnyi-budynok",
        title="Як утеплити багатоквартирний будинок: з чого почати",
        summary=(
            "Утеплення дає найбільшу економію тепла, але потребує рішення співвласників, "
            "проєкту і грошей. Порядок дій для ОСББ."
        ),
        tags=("енергоефективність", "утеплення", "осбб"),
        image="heat-loss",
        author="org:enerhoklub",
        days_ago=460,
        time="1–2 роки",
        authority="Правління ОСББ; державні та міські програми співфінансування",
        before="- Зареєстроване ОСББ з рахунком у банку\n- Дані про споживання тепла за 3 роки",
        steps=(
            (
                "Почніть з обліку",
                "Будинковий лічильник тепла показує реальне споживання і "
                "дає точку відліку для економії.",
            ),
            (
                "Замовте енергоаудит",
                "Аудитор визначить, де найбільші втрати, і порахує окупність кожного заходу.",
            ),
            (
                "Виберіть програму підтримки",
                "Державні програми (як-от «Енергодім») і міська "
                "програма співфінансування ОСББ компенсують частину витрат. Умови змінюються — "
                "перевіряйте їх перед поданням.",
            ),
            (
                "Ухваліть рішення на зборах",
                "Співвласники затверджують заходи, кошторис і кредит, якщо він потрібен.",
            ),
            (
                "Замовте проєкт і проведіть закупівлю",
                "Проєкт, експертиза, вибір підрядника і технагляду.",
            ),
            (
                "Контролюйте якість",
                "Технагляд перевіряє утеплювач, кріплення і вузли біля "
                "вікон — саме там найчастіше помиляються.",
            ),
        ),
        body=(
            ("image", "heat-loss", "Приблизний розподіл тепловтрат типового будинку"),
            (
                "callout",
                "info",
                "Що дає найбільший ефект",
                "Комплекс: утеплення стін і "
                "покриття, заміна вікон у під'їздах та індивідуальний тепловий пункт з "
                "погодним регулюванням.",
            ),
        ),
        en={
            "title": "How to insulate an apartment building: where to start",
            "summary": (
                "Insulation saves the most heat but needs the co-owners' decision, a design "
                "and money. The order of steps for an association."
            ),
            "time": "1–2 years",
            "authority": "The association's board; state and city co-funding programmes",
            "before": "- A registered association with a bank account\n- Three years of "
            "heat consumption data",
            "steps": (
                ("Start by metering", "A building heat meter shows real consumption."),
                (
                    "Order an energy audit",
                    "The auditor finds the biggest losses and the payback of each measure.",
                ),
                (
                    "Choose a support programme",
                    "State and city programmes refund part of the cost; check current terms.",
                ),
                (
                    "Decide at the meeting",
                    "Co-owners approve the measures, the budget and any loan.",
                ),
                ("Design and procure", "Design, review, contractor and supervision."),
                (
                    "Control the quality",
                    "Supervision checks insulation, fixings and window joints.",
                ),
            ),
        },
    ),
    Article(
        topic="enerhoefektyvnist",
        slug="budynkovyi-lichylnyk-tepla",
        title="Як встановити будинковий лічильник тепла",
        summary=(
            "Будинковий вузол обліку теплової енергії — перший крок до чесних рахунків. "
            "Хто встановлює, хто платить і як перевірити показники."
        ),
        tags=("енергоефективність", "облік", "тепло"),
        author="andrii",
        days_ago=370,
        time="2–4 місяці",
        authority="Теплопостачальне підприємство (оператор зовнішніх мереж)",
        steps=(
            (
                "Перевірте, чи вузол уже є",
                "Запитайте в теплопостачальника, чи встановлений "
                "вузол комерційного обліку на ваш будинок.",
            ),
            (
                "Подайте заяву",
                "Установлення вузла обліку в будинку — обов'язок оператора "
                "зовнішніх мереж; вартість включається до платежів співвласників.",
            ),
            (
                "Домовтеся про доступ",
                "Вузол монтують у підвалі на вводі мереж; потрібен доступ і представник будинку.",
            ),
            (
                "Перевіряйте показники щомісяця",
                "Фотографуйте показники в той самий день і звіряйте з рахунком.",
            ),
        ),
    ),
    Article(
        topic="enerhoefektyvnist",
        slug="enerhoaudyt-i-sertyfikat",
        title="Як замовити енергоаудит і енергетичний сертифікат",
        summary=(
            "Енергоаудит показує, що утеплювати в першу чергу, а сертифікат потрібен для "
            "більшості програм підтримки. Як обрати аудитора."
        ),
        tags=("енергоефективність", "енергоаудит"),
        author="org:enerhoklub",
        days_ago=290,
        time="3–6 тижнів",
        authority="Атестовані енергоаудитори (реєстр Держенергоефективності)",
        steps=(
            (
                "Знайдіть атестованого аудитора",
                "Перевірте аудитора в державному реєстрі "
                "енергоаудиторів і фахівців з обстеження інженерних систем.",
            ),
            (
                "Зберіть документи",
                "Технічний паспорт будинку, рахунки за тепло за три роки, відомості про ремонти.",
            ),
            (
                "Допоможіть з обстеженням",
                "Аудитор оглядає підвал, горище, кілька квартир, "
                "може робити тепловізійну зйомку взимку.",
            ),
            (
                "Обговоріть звіт",
                "Попросіть пояснити заходи простими словами й порахувати окупність кожного.",
            ),
        ),
    ),
    Article(
        topic="enerhoefektyvnist",
        slug="yak-zaoshchadyty-teplo-u-kvartyri",
        title="Як заощадити тепло у квартирі без великих витрат",
        summary="Десять простих дій, які зменшують тепловтрати квартири ще до утеплення будинку.",
        tags=("енергоефективність", "тепло", "побут"),
        author="andrii",
        days_ago=60,
        time="1 вихідний",
        authority="Кожен мешканець",
        steps=(
            ("Ущільніть вікна", "Гумовий ущільнювач і регулювання фурнітури прибирають протяги."),
            (
                "Поставте тепловідбивні екрани",
                "Фольгований екран за радіатором на зовнішній стіні повертає тепло в кімнату.",
            ),
            (
                "Не закривайте радіатори",
                "Щільні штори й меблі перед батареєю забирають частину тепла.",
            ),
            (
                "Провітрюйте коротко й інтенсивно",
                "Широко відчинене вікно на 5 хвилин краще, ніж відкрита кватирка весь день.",
            ),
        ),
    ),
    Article(
        topic="enerhoefektyvnist",
        slug="termomodernizatsiia-khrushchovky-na-pivnichnii",
        title="Термомодернізація «хрущовки» на Північній",
        summary=(
            "П'ятиповерховий будинок 1962 року утеплили за державною програмою і "
            "міським співфінансуванням. Споживання тепла впало на 44 %."
        ),
        tags=("енергоефективність", "утеплення", "осбб"),
        image="energy-bars",
        author="org:enerhoklub",
        days_ago=230,
        district="pivnichnyi",
        place="вул. Північна, 27",
        year=2022,
        cost=11400000,
        cost_note="Державна програма підтримки (до 70 %), місто (15 %), ОСББ (15 %, кредит)",
        org="enerhoklub",
        contacts="ГО «Енергоклуб Ясногорода»: консультації для ОСББ щочетверга, energy@example.org",
        problem=(
            "Будинок споживав утричі більше тепла за сучасні норми; у кутових квартирах "
            "взимку була пліснява."
        ),
        approach=(
            "- Енергоаудит і проєкт за рахунок ОСББ\n"
            "- Утеплення фасаду мінеральною ватою, утеплення покрівлі і підвалу\n"
            "- Індивідуальний тепловий пункт з погодним регулюванням\n"
            "- Нові вікна в під'їздах"
        ),
        outcome=(
            "Споживання тепла зменшилося з 1 420 до 790 МВт·год за сезон. Частку ОСББ "
            "покривають з економії на рахунках; кредит виплатять за шість років."
        ),
        lessons=(
            "Найдовше тривала підготовка документів — майже рік. Технагляд, незалежний від "
            "підрядника, окупився першою ж знайденою помилкою."
        ),
        body=(
            ("image", "energy-bars", "Споживання тепла до і після утеплення"),
            (
                "table",
                "Споживання тепла, МВт·год за опалювальний сезон",
                [
                    ["Сезон", "Споживання", "Зміна"],
                    ["2020/21 (до)", "1 420", "—"],
                    ["2022/23", "860", "−39 %"],
                    ["2023/24", "790", "−44 %"],
                ],
            ),
        ),
        en={
            "title": "Retrofitting a 1960s block on Pivnichna Street",
            "summary": (
                "A five-storey building from 1962 was insulated with state and city "
                "co-funding. Heat consumption fell by 44%."
            ),
            "place": "27 Pivnichna Street",
            "cost_note": "State programme (up to 70%), city (15%), association (15%, loan)",
            "problem": "The building used three times the heat of modern standards; corner "
            "flats had mould in winter.",
            "approach": (
                "- Energy audit and design paid by the association\n"
                "- Facade, roof and basement insulation\n"
                "- A building heat substation with weather control\n"
                "- New windows in the stairwells"
            ),
            "outcome": "Consumption fell from 1,420 to 790 MWh per season; savings repay "
            "the loan in six years.",
            "lessons": "Paperwork took almost a year. Independent supervision paid for "
            "itself with the first mistake it caught.",
            "contacts": "Yasnohorod Energy Club NGO: advice for associations on Thursdays, "
            "energy@example.org",
        },
    ),
    Article(
        topic="enerhoefektyvnist",
        slug="soniachni-paneli-na-dakhu-shkoly-3",
        title="Сонячні панелі на даху школи № 3",
        summary=(
            "Школа встановила сонячну електростанцію на 30 кВт і систему накопичення. "
            "Тепер укриття і їдальня працюють під час відключень."
        ),
        tags=("енергоефективність", "школа", "укриття"),
        author="org:upravlinnia-osvity",
        days_ago=100,
        district="tsentralnyi",
        place="Ліцей № 3, вул. Університетська, 9",
        year=2024,
        cost=1350000,
        cost_note="Грант міжнародного партнера і бюджет міста",
        org="upravlinnia-osvity",
        problem="Під час відключень електроенергії школа не могла працювати, а укриття "
        "залишалося без світла і вентиляції.",
        approach="Управління освіти разом із батьками підготувало заявку на грант; місто "
        "профінансувало підсилення даху і проєкт.",
        outcome="Станція покриває близько 35 % річного споживання школи; укриття має "
        "автономне живлення на 8 годин.",
        lessons="Обстеження несучої здатності даху — перше, що треба зробити.",
    ),
]
