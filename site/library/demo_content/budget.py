"""Reading the municipal budget, following procurement, participatory budgeting."""

from library.demo_content import Article

ARTICLES = [
    Article(
        topic="biudzhet-mista",
        slug="yak-chytaty-biudzhet-mista",
        title="Як прочитати бюджет міста за 30 хвилин",
        summary=(
            "Де знайти бюджет Ясногорода, що означають доходи, видатки і програмна "
            "класифікація, і як знайти гроші на свій район."
        ),
        tags=("бюджет", "прозорість", "відкриті дані"),
        image="budget-bars",
        author="org:prozorist",
        days_ago=500,
        time="30 хвилин",
        authority="Департамент фінансів Ясногородської міської ради",
        before="- Рішення сесії про бюджет на поточний рік (на сайті міської ради)",
        steps=(
            (
                "Знайдіть рішення про бюджет",
                "Бюджет ухвалює сесія міської ради не пізніше "
                "25 грудня попереднього року. Шукайте рішення «Про бюджет Ясногородської "
                "міської територіальної громади на 2025 рік» і його додатки.",
            ),
            (
                "Подивіться на доходи",
                "Найбільше дає податок на доходи фізичних осіб, далі — "
                "місцеві податки (на землю, нерухомість, єдиний податок) і трансферти з "
                "державного бюджету.",
            ),
            (
                "Відкрийте додаток з видатками за програмами",
                "Кожен рядок — бюджетна "
                "програма з кодом (КПКВК), відповідальним виконавцем і сумою.",
            ),
            (
                "Знайдіть свою тему за кодом",
                "Наприклад, 1021 — загальна середня освіта, "
                "6030 — благоустрій, 7461 — дороги. Перші цифри коду показують розпорядника.",
            ),
            (
                "Порівняйте план і факт",
                "Звіти про виконання бюджету публікуються "
                "щокварталу; на порталі «Відкритий бюджет» (openbudget.gov.ua) видно платежі "
                "майже в реальному часі.",
            ),
        ),
        body=(
            ("image", "budget-bars", "Видатки бюджету Ясногорода за галузями"),
            (
                "table",
                "Видатки бюджету Ясногорода, 2025 рік, млн грн",
                [
                    ["Галузь", "План", "Частка"],
                    ["Освіта", "1 480", "41 %"],
                    ["Житлово-комунальне господарство", "690", "19 %"],
                    ["Транспорт і дороги", "540", "15 %"],
                    ["Соціальний захист", "410", "11 %"],
                    ["Охорона здоров'я", "260", "7 %"],
                    ["Культура і спорт", "150", "4 %"],
                    ["Громадський бюджет", "30", "1 %"],
                ],
            ),
            (
                "document",
                "budget-csv",
                "Видатки за програмами з виконанням за 9 місяців, для власного аналізу в таблиці.",
            ),
            (
                "callout",
                "tip",
                "Бюджетний календар",
                "Прогноз бюджету готують навесні, "
                "запити розпорядників — восени, обговорення проєкту — у листопаді. Найкращий "
                "час впливати на бюджет — до листопада.",
            ),
            ("image", "budget-calendar", "Бюджетний календар міста"),
        ),
        en={
            "title": "How to read the city budget in 30 minutes",
            "summary": (
                "Where to find Yasnohorod's budget, what revenue, spending and programme "
                "codes mean, and how to find the money spent on your district."
            ),
            "time": "30 minutes",
            "authority": "Finance Department, Yasnohorod City Council",
            "before": "- The council's budget decision for the current year",
            "steps": (
                (
                    "Find the budget decision",
                    "The council adopts the budget by 25 December "
                    "of the previous year. Look for the decision and its annexes.",
                ),
                (
                    "Look at revenue",
                    "Personal income tax brings the most, then local taxes "
                    "and transfers from the state budget.",
                ),
                (
                    "Open the spending annex",
                    "Each line is a budget programme with a code, a "
                    "responsible body and an amount.",
                ),
                (
                    "Find your subject by code",
                    "For example, 1021 is schools, 6030 public spaces, 7461 roads.",
                ),
                (
                    "Compare plan and actual",
                    "Quarterly execution reports and the national "
                    "open budget portal show the payments.",
                ),
            ),
        },
    ),
    Article(
        topic="biudzhet-mista",
        slug="yak-perevirty-zakupivliu-v-prozorro",
        title="Як знайти закупівлю ремонту в Prozorro і перевірити її",
        summary=(
            "Ремонт дороги чи школи за бюджетні гроші закуповують через Prozorro. Як знайти "
            "тендер, прочитати кошторис і поскаржитися, якщо щось не так."
        ),
        tags=("prozorro", "закупівлі", "прозорість"),
        author="org:prozorist",
        days_ago=340,
        time="1–2 години",
        authority="Замовник закупівлі; Державна аудиторська служба — для скарг",
        steps=(
            (
                "Знайдіть замовника",
                "На prozorro.gov.ua введіть назву управління або "
                "комунального підприємства, яке замовляє роботи, і адресу об'єкта.",
            ),
            (
                "Відкрийте документи тендера",
                "Технічне завдання, проєктно-кошторисна "
                "документація і договір з переможцем — публічні.",
            ),
            (
                "Порівняйте ціни",
                "Подивіться ціни за одиницю (м² асфальту, погонний метр "
                "бордюру) в інших закупівлях міста і сусідніх громад.",
            ),
            (
                "Залиште відгук або звернення",
                "На DOZORRO можна позначити підозрілу "
                "закупівлю; звернення до Держаудитслужби — якщо є ознаки порушень.",
            ),
            (
                "Перевірте виконання",
                "Акти виконаних робіт теж публікують. Звірте обсяги з тим, що бачите на місці.",
            ),
        ),
    ),
    Article(
        topic="biudzhet-mista",
        slug="yak-podaty-proiekt-na-hromadskyi-biudzhet",
        title="Як подати проєкт на громадський бюджет",
        summary=(
            "Громадський бюджет Ясногорода — 30 мільйонів гривень на ідеї мешканців. Як "
            "написати проєкт, що пройде експертизу, і зібрати голоси."
        ),
        tags=("громадський бюджет", "бюджет", "участь"),
        author="oleh",
        days_ago=220,
        time="2–3 місяці до голосування",
        authority="Координаційна рада з питань громадського бюджету",
        steps=(
            (
                "Перевірте умови",
                "Малі проєкти — до 400 тисяч гривень, великі — до 2 "
                "мільйонів. Об'єкт має бути на комунальній землі й відкритий для всіх.",
            ),
            (
                "Порадьтеся з балансоутримувачем",
                "Школа, парк чи КП, на чиїй території проєкт, має погодитися його утримувати.",
            ),
            (
                "Порахуйте кошторис",
                "Візьміть ціни з Prozorro або комерційні пропозиції; додайте 15 % на подорожчання.",
            ),
            (
                "Подайте проєкт на порталі",
                "Опис, кошторис, фото місця і підписи щонайменше 15 мешканців на підтримку.",
            ),
            (
                "Пройдіть експертизу",
                "Відповідайте на зауваження вчасно: проєкти без відповіді знімають з голосування.",
            ),
            (
                "Агітуйте",
                "Голосують мешканці громади від 16 років; пояснюйте проєкт там, "
                "де люди вже бувають: біля шкіл, на ринку, в чатах будинків.",
            ),
        ),
        body=(
            (
                "callout",
                "info",
                "Що найчастіше відхиляють",
                "Проєкти на приватній "
                "землі, ремонти, які вже є в бюджетних програмах, і закупівлі для однієї "
                "установи без доступу для мешканців.",
            ),
        ),
        en={
            "title": "How to propose a project for the participatory budget",
            "summary": (
                "Yasnohorod's participatory budget gives 30 million hryvnias to residents' "
                "ideas. How to write a project that passes review and win votes."
            ),
            "time": "2–3 months before the vote",
            "authority": "Participatory Budget Coordination Council",
            "steps": (
                (
                    "Check the rules",
                    "Small projects up to 400,000 UAH, large up to 2 "
                    "million. The site must be municipal land open to all.",
                ),
                (
                    "Talk to the site's keeper",
                    "The school, park or utility that owns the "
                    "site must agree to maintain the project.",
                ),
                ("Cost it", "Use Prozorro prices or quotes and add 15% for inflation."),
                (
                    "Submit on the portal",
                    "Description, estimate, photos and at least 15 supporting signatures.",
                ),
                ("Pass the review", "Answer the reviewers' questions on time."),
                (
                    "Campaign",
                    "Residents from 16 vote; explain the project where people already are.",
                ),
            ),
        },
    ),
    Article(
        topic="biudzhet-mista",
        slug="skilky-misto-vytrachaie-na-vash-raion",
        title="Як дізнатися, скільки місто витрачає на ваш район",
        summary=(
            "Бюджет рідко поділений за районами. Як зібрати цю картину з програм, "
            "закупівель і запитів на інформацію."
        ),
        tags=("бюджет", "район", "відкриті дані"),
        author="org:prozorist",
        days_ago=130,
        time="1 тиждень",
        authority="Департамент фінансів, районні адміністрації",
        steps=(
            (
                "Почніть з адресних програм",
                "Програми ремонту дворів, доріг і шкіл часто мають додатки з переліком адрес.",
            ),
            ("Знайдіть закупівлі за адресами", "У Prozorro шукайте назви вулиць свого району."),
            (
                "Надішліть запит на інформацію",
                "Попросіть департамент фінансів дані про видатки за районами у форматі таблиці.",
            ),
            (
                "Зведіть усе в одну таблицю",
                "Порівняйте суму на мешканця свого району з середньою по місту.",
            ),
        ),
        body=(("document", "info-request", "Зразок запиту на інформацію."),),
    ),
    Article(
        topic="biudzhet-mista",
        slug="svitlofor-bilia-shkoly-17",
        title="Світлофор біля школи № 17: переможець громадського бюджету",
        summary=(
            "Батьки три роки просили світлофор на небезпечному переході. Громадський "
            "бюджет вирішив питання за один сезон."
        ),
        tags=("громадський бюджет", "безпека", "діти"),
        author="sofiia",
        days_ago=75,
        district="pivdennyi",
        place="перехрестя вул. Шкільної та вул. Лугової",
        year=2024,
        cost=620000,
        cost_note="Громадський бюджет Ясногорода",
        problem="Діти переходили шестисмугову вулицю без світлофора; за два роки сталися "
        "дві аварії.",
        approach=(
            "Батьківський комітет подав проєкт з погодженням патрульної поліції і "
            "управління транспорту. За проєкт проголосували 3 100 людей — найбільше в "
            "тому році."
        ),
        outcome="Світлофор з кнопкою виклику і звуковим сигналом запрацював у вересні.",
        lessons="Погодження поліції і балансоутримувача до подання прискорює експертизу.",
    ),
    Article(
        topic="biudzhet-mista",
        slug="zavyshchennia-vartosti-remontu-dorohy",
        title="Як мешканці знайшли завищення вартості ремонту дороги",
        summary=(
            "Пенсіонер-інженер порівняв кошторис ремонту вулиці з ринковими цінами. "
            "Після звернень договір переглянули на 1,1 мільйона гривень."
        ),
        tags=("prozorro", "дороги", "прозорість"),
        author="andrii",
        days_ago=180,
        district="zaliznychnyi",
        place="вул. Вокзальна",
        year=2023,
        cost=8700000,
        cost_note="Міська програма ремонту доріг",
        problem=(
            "Ціна асфальтобетону в кошторисі була на 28 % вищою за середню в закупівлях "
            "сусідніх громад того ж місяця."
        ),
        approach=(
            "Мешканець зібрав ціни з 12 закупівель у таблицю, надіслав її замовнику і "
            "депутатам, позначив закупівлю на DOZORRO і звернувся до Держаудитслужби."
        ),
        outcome=(
            "Замовник уклав додаткову угоду зі зменшенням ціни; економія склала 1,1 млн "
            "гривень. Гроші спрямували на тротуари тієї ж вулиці."
        ),
        lessons="Таблиця з конкретними цінами переконує більше за обурення в соцмережах.",
        body=(
            (
                "table",
                "Ціна асфальтобетону, грн за тонну (без ПДВ)",
                [
                    ["Закупівля", "Ціна"],
                    ["Вул. Вокзальна (початковий договір)", "3 840"],
                    ["Середня в 12 закупівлях сусідніх громад", "3 000"],
                    ["Вул. Вокзальна (після додаткової угоди)", "3 050"],
                ],
            ),
        ),
        en={
            "title": "How residents found an inflated road repair price",
            "summary": (
                "A retired engineer compared a street repair estimate with market prices. "
                "After his complaints the contract was cut by 1.1 million hryvnias."
            ),
            "place": "Vokzalna Street",
            "cost_note": "City road repair programme",
            "problem": "The asphalt price was 28% above the average in neighbouring "
            "communities' tenders that month.",
            "approach": (
                "A resident put prices from 12 tenders in a table, sent it to the buyer and "
                "councillors, flagged the tender on DOZORRO and wrote to the State Audit "
                "Service."
            ),
            "outcome": "The price was lowered by an amendment, saving 1.1 million "
            "hryvnias, which went to the street's pavements.",
            "lessons": "A table of concrete prices convinces more than outrage online.",
        },
    ),
]
