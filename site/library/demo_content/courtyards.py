"""Courtyards, playgrounds, trees, squares and parking."""

from library.demo_content import Article

ARTICLES = [
    Article(
        topic="dvory-i-prostory",
        slug="yak-initsiiuvaty-remont-dvoru",
        title="Як ініціювати капітальний ремонт двору",
        summary=(
            "Як потрапити до міської програми ремонту дворів: від заяви мешканців до "
            "погодження проєкту і контролю за підрядником."
        ),
        tags=("двір", "благоустрій", "ремонт"),
        image="courtyard-plan",
        author="sofiia",
        days_ago=400,
        time="від 6 місяців до 2 років",
        authority_org="dep-zhkh",
        authority="відділ благоустрою",
        before=(
            "- Підписи мешканців будинків, що виходять у двір\n"
            "- Фото проблем: ями, зламані лавки, калюжі після дощу"
        ),
        steps=(
            (
                "Опишіть двір і зберіть підписи",
                "Коротко: які будинки, що зламано, чого "
                "хочуть мешканці. Підписи власників квартир підсилюють заяву.",
            ),
            (
                "Подайте заяву до департаменту ЖКГ",
                "Заява реєструється; відповідь має надійти "
                "протягом 30 днів. Попросіть включити двір до програми капітального ремонту "
                "на наступний рік.",
            ),
            (
                "Домовтеся про зустріч з проєктувальником",
                "Мешканці мають право побачити "
                "проєкт до його затвердження. Принесіть план двору з побажаннями.",
            ),
            (
                "Перевірте закупівлю в Prozorro",
                "Знайдіть тендер за адресою двору і "
                "збережіть кошторис — за ним звірятимете роботи.",
            ),
            (
                "Контролюйте роботи",
                "Фотографуйте етапи, особливо основу під асфальт і "
                "бордюри: те, що потім сховається.",
            ),
            (
                "Прийміть двір разом з комісією",
                "Попросіть включити представника мешканців до комісії з приймання робіт.",
            ),
        ),
        body=(
            ("image", "courtyard-plan", "Так виглядав план двору, погоджений з мешканцями"),
            (
                "callout",
                "tip",
                "Де шукати гроші, якщо програма переповнена",
                "Громадський бюджет, співфінансування ОСББ і місцевого бізнесу, депутатський фонд.",
            ),
        ),
        en={
            "title": "How to get your courtyard renovated",
            "summary": (
                "How to get into the city's courtyard renovation programme: from the "
                "residents' application to approving the design and watching the contractor."
            ),
            "time": "6 months to 2 years",
            "authority": "public spaces unit",
            "before": "- Signatures of residents whose buildings face the courtyard\n"
            "- Photos of the problems: potholes, broken benches, puddles",
            "steps": (
                (
                    "Describe the courtyard and collect signatures",
                    "Which buildings, what is broken, what residents want.",
                ),
                (
                    "Apply to the housing department",
                    "The answer is due within 30 days. "
                    "Ask for the courtyard to be included in next year's programme.",
                ),
                (
                    "Meet the designer",
                    "Residents may see the design before it is "
                    "approved. Bring a plan with your wishes.",
                ),
                (
                    "Check the tender on Prozorro",
                    "Find the tender by address and keep the "
                    "cost estimate to check the works against it.",
                ),
                (
                    "Watch the works",
                    "Photograph each stage, especially what will be covered later.",
                ),
                (
                    "Accept the works with the commission",
                    "Ask for a residents' representative on the acceptance commission.",
                ),
            ),
        },
    ),
    Article(
        topic="dvory-i-prostory",
        slug="yak-zakhystyty-derevo-u-dvori",
        title="Як захистити дерево у дворі від незаконної вирубки",
        summary=(
            "Дерево можна видалити лише з дозволом. Як перевірити, чи він є, і що робити, "
            "якщо пилять без документів."
        ),
        tags=("дерева", "двір", "довкілля"),
        author="sofiia",
        days_ago=240,
        time="від 1 дня",
        authority="Управління екології та відділ благоустрою міської ради",
        steps=(
            (
                "Попросіть показати дозвіл",
                "Видалення дерев у місті можливе лише на підставі "
                "акта обстеження зелених насаджень і ордера (дозволу) на видалення.",
            ),
            (
                "Зафіксуйте все",
                "Фото і відео з датою, номер машини підрядника, назва організації на техніці.",
            ),
            (
                "Зателефонуйте до муніципальної варти і поліції",
                "Повідомте про можливе "
                "незаконне видалення зелених насаджень; запишіть номер звернення.",
            ),
            (
                "Напишіть запит на інформацію",
                "Попросіть копію акта обстеження й ордера. Відповідь — протягом 5 робочих днів.",
            ),
            (
                "Вимагайте компенсаційної висадки",
                "Якщо дерево вже зрізали незаконно, "
                "винний має сплатити відновну вартість і висадити нові дерева.",
            ),
        ),
        body=(
            (
                "document",
                "info-request",
                "Зразок запиту — замініть предмет запиту на акт обстеження зелених насаджень.",
            ),
        ),
    ),
    Article(
        topic="dvory-i-prostory",
        slug="bezpechnyi-dytiachyi-maidanchyk",
        title="Як облаштувати безпечний дитячий майданчик",
        summary=(
            "Що вимагають стандарти безпеки ігрового обладнання, яке покриття обрати і хто "
            "має оглядати майданчик."
        ),
        tags=("двір", "діти", "безпека"),
        author="andrii",
        days_ago=190,
        time="2–4 місяці",
        authority="Власник майданчика: ОСББ, управитель або міська рада",
        steps=(
            (
                "Оберіть сертифіковане обладнання",
                "Вимагайте від постачальника відповідності "
                "стандартам серії ДСТУ EN 1176 і паспорта на кожен елемент.",
            ),
            (
                "Сплануйте зони падіння",
                "Навколо гірок і гойдалок залиште вільну зону з "
                "ударопоглинальним покриттям: гумовою крихтою, піском або мульчею.",
            ),
            (
                "Подумайте про всіх дітей",
                "Хоча б один елемент доступний дитині на візку; "
                "доріжка до майданчика — без бордюрів.",
            ),
            (
                "Домовтеся про огляди",
                "Щотижневий візуальний огляд і щорічна перевірка "
                "кріплень; записи ведіть у журналі.",
            ),
        ),
        body=(
            (
                "callout",
                "warning",
                "Старі металеві гойдалки",
                "Гострі краї й незакріплені "
                "опори — найчастіша причина травм. Їх краще демонтувати, ніж фарбувати.",
            ),
        ),
    ),
    Article(
        topic="dvory-i-prostory",
        slug="parkuvannia-u-dvori",
        title="Як домовитися про паркування у дворі",
        summary=(
            "Машини на газонах і біля під'їздів — найчастіший конфлікт у дворах. Як "
            "сусідам погодити правила і закріпити їх."
        ),
        tags=("двір", "паркування", "співвласники"),
        author="oleh",
        days_ago=95,
        time="1–2 місяці",
        authority="Співвласники (на своїй ділянці) або міська рада (на комунальній землі)",
        steps=(
            (
                "З'ясуйте, чия земля",
                "Якщо ділянка оформлена на ОСББ, правила ухвалюють "
                "збори; якщо ні — облаштування паркування погоджує міська рада.",
            ),
            (
                "Порахуйте машини і місця",
                "Простий план двору з наявними місцями вже знімає половину суперечок.",
            ),
            (
                "Запропонуйте правила",
                "Проїзд для пожежних і швидкої, місця для людей з "
                "інвалідністю, жодних машин на газонах.",
            ),
            (
                "Ухваліть рішення і позначте місця",
                "Розмітка і табличка з рішенням зборів працюють краще за записки на лобовому склі.",
            ),
        ),
    ),
    Article(
        topic="dvory-i-prostory",
        slug="dvir-na-naberezhnii-remont-z-meshkantsiamy",
        title="Двір на Набережній: ремонт, який спроєктували мешканці",
        summary=(
            "Чотири будинки, 600 мешканців і один двір. Як проєкт ремонту змінили після "
            "трьох зустрічей із сусідами — і чому це зекономило гроші."
        ),
        tags=("двір", "благоустрій", "участь"),
        image="courtyard-plan",
        author="sofiia",
        days_ago=280,
        district="naberezhnyi",
        place="вул. Набережна, 8–14",
        year=2023,
        cost=3150000,
        cost_note="Міська програма капітального ремонту дворів",
        org="dep-zhkh",
        contacts="Департамент ЖКГ, відділ благоустрою: (0XX) 200-15-15, blahoustrii@example.org",
        problem=(
            "Перший проєкт передбачав 30 паркомісць замість дитячого майданчика і вирубку "
            "шести дорослих лип. Мешканці дізналися про нього з оголошення про тендер."
        ),
        approach=(
            "Ініціативна група попросила департамент про публічне обговорення. Провели три "
            "зустрічі у дворі; проєктувальник приніс план, а мешканці позначили на ньому "
            "стікерами, що залишити і що змінити.\n\n"
            "- Майданчик перенесли ближче до вікон\n"
            "- Паркування скоротили до 12 місць з розміткою\n"
            "- Усі липи зберегли"
        ),
        outcome=(
            "Ремонт завершили за сезон. Кошторис зменшився на 420 тисяч гривень, бо "
            "відмовилися від частини асфальту на користь газону."
        ),
        lessons=(
            "Просіть показати проєкт до тендеру, а не після. Коли мешканці беруть участь у "
            "проєктуванні, вони ж потім доглядають за двором."
        ),
        body=(
            ("image", "courtyard-plan", "План, погоджений з мешканцями"),
            (
                "quote",
                "Ми вперше побачили, що проєктувальник — теж людина, з якою можна домовитися.",
                "Мешканка будинку № 10",
            ),
        ),
        en={
            "title": "The Naberezhna courtyard: a renovation designed with residents",
            "summary": (
                "Four buildings, 600 residents, one courtyard. How the renovation design "
                "changed after three meetings with neighbours, and why it saved money."
            ),
            "place": "8–14 Naberezhna Street",
            "cost_note": "City courtyard renovation programme",
            "problem": (
                "The first design replaced the playground with 30 parking spaces and cut "
                "down six mature lime trees. Residents learned of it from the tender notice."
            ),
            "approach": (
                "An initiative group asked for a public discussion. Three meetings were held "
                "in the courtyard; residents marked the designer's plan with stickers.\n\n"
                "- The playground moved closer to the windows\n"
                "- Parking was cut to 12 marked spaces\n"
                "- All the lime trees were kept"
            ),
            "outcome": (
                "The works finished in one season and cost 420,000 hryvnias less, as part "
                "of the asphalt became lawn."
            ),
            "lessons": "Ask to see the design before the tender, not after.",
            "contacts": "Housing Department, public spaces unit: blahoustrii@example.org",
        },
    ),
    Article(
        topic="dvory-i-prostory",
        slug="skver-na-zavodskii",
        title="Сквер замість пустиря на Заводській",
        summary=(
            "Пустир між гаражами й школою став сквером за громадським бюджетом. Як "
            "ініціативна група пройшла від ідеї до відкриття."
        ),
        tags=("сквер", "громадський бюджет", "благоустрій"),
        author="oleh",
        days_ago=160,
        district="zavodskyi",
        place="вул. Заводська, між будинками 3 і 7",
        year=2024,
        cost=980000,
        cost_note="Громадський бюджет Ясногорода",
        problem="Занедбаний пустир зі стихійним звалищем, яким діти ходили до школи.",
        approach=(
            "Сусіди подали проєкт на громадський бюджет: доріжки, освітлення, 40 дерев і "
            "лавки. Агітували біля школи й на ринку; за проєкт проголосували 2 300 людей."
        ),
        outcome=(
            "Сквер відкрили через рік після перемоги. Звалище зникло; школа проводить у "
            "сквері уроки природознавства."
        ),
        lessons="Пишіть у проєкті кошторис з запасом 15 %: ціни за рік зростають.",
    ),
    Article(
        topic="dvory-i-prostory",
        slug="hromadskyi-horod-u-lisovomu",
        title="Громадський город у Лісовому районі",
        summary=(
            "Як мешканці трьох будинків перетворили покинуту клумбу на город із "
            "грядками для дітей і людей похилого віку."
        ),
        tags=("двір", "довкілля", "сусіди"),
        author="sofiia",
        days_ago=45,
        district="lisovyi",
        place="вул. Соснова, 5",
        year=2025,
        cost=36000,
        cost_note="Внески сусідів і грант місцевого бізнесу",
        problem="Велика клумба біля будинків заросла бур'янами; управитель косив її раз на сезон.",
        approach=(
            "Мешканці погодили з управителем і відділом благоустрою облаштування 14 "
            "піднятих грядок. Графік поливу ведуть у спільній таблиці."
        ),
        outcome="Город доглядають 30 сімей. Восени провели перше свято врожаю.",
        lessons="Письмова домовленість з власником землі захищає город від «раптового "
        "благоустрою».",
    ),
]
