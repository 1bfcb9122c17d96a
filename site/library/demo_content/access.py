"""Barrier-free streets, crossings, ramps."""

from library.demo_content import Article

ARTICLES = [
    Article(
        topic="dostupne-misto",
        slug="yak-perevirty-dostupnist-vulytsi",
        title="Як перевірити доступність вулиці: чекліст",
        summary=(
            "Пройдіть свою вулицю з рулеткою і телефоном. Що вимірювати, як фіксувати "
            "бар'єри і куди надсилати результати."
        ),
        tags=("доступність", "вулиці", "безбар'єрність"),
        image="curb-ramp",
        author="org:bezbarierni",
        days_ago=440,
        time="2–3 години на маршрут",
        authority="Управління капітального будівництва та управління транспорту",
        before="- Рулетка, телефон з камерою, роздрукований чекліст\n- Напарник, бажано "
        "людина на візку або з дитячим візком",
        steps=(
            (
                "Оберіть маршрут",
                "Почніть з важливих для людей шляхів: від зупинки до поліклініки, школи, ЦНАП.",
            ),
            (
                "Виміряйте ширину і перешкоди",
                "Вільний прохід на тротуарі має бути не "
                "менше 1,5 м; стовпи, рекламні щити й авто не повинні його звужувати.",
            ),
            (
                "Перевірте переходи",
                "Пониження бордюру без сходинки, ухил не більше 1:12, "
                "тактильні смуги перед переходом.",
            ),
            (
                "Сфотографуйте кожен бар'єр",
                "Фото з координатами і короткий опис: "
                "«сходинка 8 см біля переходу на розі Шкільної».",
            ),
            (
                "Надішліть звіт і домовтеся про план",
                "Надішліть таблицю бар'єрів управлінню "
                "і попросіть графік виправлення; через три місяці перевірте знову.",
            ),
        ),
        body=(
            ("document", "access-csv", "Чекліст для друку або для заповнення в таблиці."),
            (
                "callout",
                "info",
                "Норми",
                "Вимоги до доступності встановлює ДБН В.2.2-40:2018 "
                "«Інклюзивність будівель і споруд» і державні будівельні норми для вулиць.",
            ),
        ),
        en={
            "title": "How to check whether a street is accessible: a checklist",
            "summary": (
                "Walk your street with a tape measure and a phone. What to measure, how to "
                "record barriers and where to send the results."
            ),
            "time": "2–3 hours per route",
            "authority": "Capital Construction and Transport Departments",
            "before": "- A tape measure, a phone camera and the printed checklist\n"
            "- A companion, ideally a wheelchair user or someone with a pram",
            "steps": (
                (
                    "Choose a route",
                    "Start with routes that matter: from a stop to the "
                    "clinic, a school, the services centre.",
                ),
                ("Measure width and obstacles", "The clear path should be at least 1.5 m."),
                (
                    "Check crossings",
                    "Kerb drops with no step, slope no steeper than 1:12, "
                    "tactile paving before the crossing.",
                ),
                ("Photograph each barrier", "A photo with location and a short description."),
                (
                    "Send the report and agree a plan",
                    "Ask for a repair schedule and check again in three months.",
                ),
            ),
        },
    ),
    Article(
        topic="dostupne-misto",
        slug="ponyzhennia-bordiuru-bilia-perekhodu",
        title="Як домогтися пониження бордюру біля переходу",
        summary=(
            "Високий бордюр біля переходу — бар'єр для людей на візках, з дитячими "
            "візками й валізами. Куди звертатися і що вимагати."
        ),
        tags=("доступність", "переходи", "безбар'єрність"),
        image="curb-ramp",
        author="org:bezbarierni",
        days_ago=310,
        time="1–3 місяці",
        authority="Балансоутримувач дороги (КП «Ясногородавтодор»)",
        steps=(
            (
                "З'ясуйте балансоутримувача",
                "Дорогою і тротуаром опікується комунальне "
                "підприємство; назву можна дізнатися в міській раді або в інтерактивній мапі.",
            ),
            (
                "Надішліть звернення з фото",
                "Опишіть перехід, додайте фото з рулеткою біля "
                "бордюру і пошліться на вимоги безбар'єрності.",
            ),
            (
                "Попросіть строк",
                "Відповідь на звернення — протягом 30 днів; просіть указати конкретну дату робіт.",
            ),
            (
                "Перевірте результат",
                "Після робіт перевірте: без сходинки, ухил не крутіший за 1:12, тактильні смуги.",
            ),
        ),
        body=(("image", "curb-ramp", "Як має виглядати пониження бордюру"),),
    ),
    Article(
        topic="dostupne-misto",
        slug="pandus-u-derzhavnii-ustanovi",
        title="Як вимагати пандус у державній установі",
        summary=(
            "Поліклініка, ЦНАП чи пошта без пандуса порушують право на доступ. Як "
            "звернутися і що робити, якщо відповідь формальна."
        ),
        tags=("доступність", "пандуси", "права людини"),
        author="iryna",
        days_ago=200,
        time="1–2 місяці",
        authority="Керівник установи; Уповноважений Верховної Ради з прав людини",
        steps=(
            ("Зверніться до керівника установи", "Письмово: що саме недоступно і для кого."),
            (
                "Вимагайте тимчасового рішення",
                "Кнопка виклику персоналу біля входу або "
                "обслуговування на першому поверсі — поки немає пандуса.",
            ),
            (
                "Поскаржтеся вище",
                "Якщо відповіді немає за 30 днів — до органу управління "
                "установи і до Уповноваженого з прав людини.",
            ),
        ),
    ),
    Article(
        topic="dostupne-misto",
        slug="bezbariernyi-marshrut-vokzal-likarnia",
        title="Безбар'єрний маршрут від вокзалу до лікарні",
        summary=(
            "Громадська організація, управління транспорту й підрядники за рік зробили "
            "доступним маршрут завдовжки 2,4 км."
        ),
        tags=("доступність", "вулиці", "транспорт"),
        image="curb-ramp",
        author="org:bezbarierni",
        days_ago=250,
        district="zaliznychnyi",
        place="від залізничного вокзалу до міської лікарні № 1",
        year=2024,
        cost=4200000,
        cost_note="Міська програма безбар'єрності",
        org="bezbarierni",
        contacts="ГО «Безбар'єрний Ясногород»: access@example.org",
        problem=(
            "На маршруті нарахували 37 бар'єрів: високі бордюри, сходинки біля зупинок, "
            "відсутність тактильних смуг і звукових сигналів."
        ),
        approach=(
            "Волонтери пройшли маршрут з людьми на візках і незрячими, склали таблицю "
            "бар'єрів з фото. Управління транспорту включило маршрут до програми; "
            "представники ГО приймали кожен етап робіт."
        ),
        outcome=(
            "Виправлено 34 з 37 бар'єрів; три залишилися через реконструкцію мосту. "
            "Маршрутом щодня користуються близько 3 тисяч пасажирів."
        ),
        lessons="Участь людей з інвалідністю у прийманні робіт — найкращий контроль якості.",
        en={
            "title": "A barrier-free route from the station to the hospital",
            "summary": (
                "An NGO, the transport department and contractors made a 2.4 km route "
                "accessible in one year."
            ),
            "place": "From the railway station to City Hospital No. 1",
            "cost_note": "City accessibility programme",
            "problem": "Volunteers counted 37 barriers: high kerbs, steps at stops, no "
            "tactile paving or sound signals.",
            "approach": (
                "Volunteers walked the route with wheelchair users and blind people and "
                "listed every barrier with photos. The NGO took part in accepting each stage."
            ),
            "outcome": "34 of 37 barriers were removed; about 3,000 passengers use the "
            "route daily.",
            "lessons": "Disabled people accepting the works is the best quality control.",
            "contacts": "Barrier-free Yasnohorod NGO: access@example.org",
        },
    ),
    Article(
        topic="dostupne-misto",
        slug="taktylna-plytka-v-tsentri",
        title="Тактильна плитка в центрі: що пішло не так і як виправили",
        summary=(
            "Плитку поклали, але вона вела незрячих у стовпи й клумби. Історія про те, як "
            "помилку знайшли і виправили."
        ),
        tags=("доступність", "вулиці"),
        author="org:bezbarierni",
        days_ago=140,
        district="tsentralnyi",
        place="вул. Соборна, пішохідна зона",
        year=2023,
        cost=540000,
        cost_note="Гарантійні зобов'язання підрядника і бюджет міста",
        problem="Напрямні смуги обривалися біля клумб, а попереджувальні були сірими і "
        "незрячі з залишковим зором їх не бачили.",
        approach="Незрячі мешканці разом з ГО пройшли зону й нанесли проблеми на план. "
        "Місто вимагало від підрядника виправлення в межах гарантії.",
        outcome="Смуги переклали контрастними і суцільними; клумби перенесли.",
        lessons="Проєкт доступності варто погоджувати з людьми, для яких він робиться, "
        "ще до закупівлі.",
    ),
]
