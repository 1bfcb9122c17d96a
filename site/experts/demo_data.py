"""The words of the demo city's experts app: competencies, people, projects, questions.

Kept apart from `experts.demo`, which decides what to do with them."""

# slug, Ukrainian name, English name, Ukrainian description
COMPETENCIES = [
    (
        "heating-engineer",
        "Інженер-теплотехнік",
        "Heating engineer",
        "Індивідуальні теплові пункти, балансування систем опалення, котельні.",
    ),
    (
        "condominium-lawyer",
        "Юрист з питань ОСББ",
        "Condominium lawyer",
        "Створення ОСББ, статути, збори співвласників, договори з управителями.",
    ),
    (
        "landscape-architect",
        "Ландшафтний архітектор",
        "Landscape architect",
        "Сквери, дворові простори, дитячі майданчики, озеленення.",
    ),
    (
        "accessibility-auditor",
        "Аудитор доступності",
        "Accessibility auditor",
        "Безбар'єрність будівель і вулиць за ДБН В.2.2-40.",
    ),
    (
        "energy-auditor",
        "Енергоаудитор",
        "Energy auditor",
        "Енергоаудит будинків, сертифікація, програми на кшталт «Енергодім».",
    ),
    (
        "urban-planner",
        "Урбаніст-планувальник",
        "Urban planner",
        "Детальні плани територій, громадський простір, транспортні зв'язки.",
    ),
    (
        "budget-analyst",
        "Бюджетний аналітик",
        "Budget analyst",
        "Міський бюджет, громадський бюджет, кошториси, публічні закупівлі.",
    ),
    (
        "arborist",
        "Арборист",
        "Tree arborist",
        "Оцінка стану дерев, кронування, висадка і догляд за зеленими насадженнями.",
    ),
    (
        "road-safety-engineer",
        "Інженер з безпеки дорожнього руху",
        "Road safety engineer",
        "Пішохідні переходи, заспокоєння руху, аудит безпеки доріг.",
    ),
    (
        "social-worker",
        "Соціальний працівник",
        "Social worker",
        "Підтримка літніх людей, сімей у складних обставинах, ВПО.",
    ),
    (
        "structural-engineer",
        "Інженер-конструктор",
        "Structural engineer",
        "Обстеження конструкцій, покрівлі, укриття, технагляд за ремонтом.",
    ),
    (
        "ecologist",
        "Еколог",
        "Environmental scientist",
        "Якість повітря і води, сортування відходів, екологічні оцінки.",
    ),
]

# first name, last name, competency slugs, archetype, district index
# Archetypes shape the demo ratings: veteran (many projects, excellent), solid (good),
# newcomer (few but perfect ratings), slow (skilled but late), weak (mediocre),
# answerer (mostly answers questions), pending (awaiting verification).
EXPERTS = [
    ("Олена", "Коваленко", ["heating-engineer", "energy-auditor"], "veteran", 0),
    ("Андрій", "Мельник", ["heating-engineer"], "solid", 1),
    ("Ірина", "Шевчук", ["condominium-lawyer"], "veteran", 2),
    ("Богдан", "Ткаченко", ["condominium-lawyer", "budget-analyst"], "answerer", 3),
    ("Марта", "Бондар", ["landscape-architect"], "newcomer", 4),
    ("Тарас", "Кравчук", ["landscape-architect", "arborist"], "solid", 5),
    ("Наталія", "Олійник", ["accessibility-auditor"], "veteran", 6),
    ("Дмитро", "Лисенко", ["accessibility-auditor", "urban-planner"], "slow", 7),
    ("Софія", "Гончаренко", ["energy-auditor"], "solid", 8),
    ("Василь", "Руденко", ["energy-auditor", "structural-engineer"], "weak", 9),
    ("Юлія", "Савченко", ["urban-planner"], "veteran", 0),
    ("Максим", "Петренко", ["urban-planner", "road-safety-engineer"], "newcomer", 1),
    ("Оксана", "Марченко", ["budget-analyst"], "solid", 2),
    ("Ярослав", "Захарченко", ["budget-analyst"], "slow", 3),
    ("Галина", "Поліщук", ["arborist", "ecologist"], "veteran", 4),
    ("Роман", "Сидоренко", ["arborist"], "weak", 5),
    ("Людмила", "Павленко", ["road-safety-engineer"], "solid", 6),
    ("Олег", "Білоус", ["road-safety-engineer"], "answerer", 7),
    ("Катерина", "Мороз", ["social-worker"], "veteran", 8),
    ("Іван", "Гнатюк", ["social-worker"], "newcomer", 9),
    ("Віктор", "Романенко", ["structural-engineer"], "veteran", 0),
    ("Світлана", "Кузьменко", ["structural-engineer", "heating-engineer"], "slow", 1),
    ("Павло", "Дорошенко", ["ecologist"], "solid", 2),
    ("Тетяна", "Литвиненко", ["ecologist", "landscape-architect"], "answerer", 3),
    ("Михайло", "Кириленко", ["heating-engineer"], "weak", 4),
    ("Анна", "Остапчук", ["condominium-lawyer"], "newcomer", 5),
    ("Сергій", "Вакуленко", ["social-worker", "budget-analyst"], "solid", 6),
    ("Леся", "Стасюк", ["accessibility-auditor"], "solid", 7),
    ("Назар", "Юрченко", ["urban-planner"], "pending", 8),
    ("Христина", "Гуменюк", ["landscape-architect"], "pending", 9),
    ("Денис", "Прокопенко", ["road-safety-engineer", "urban-planner"], "slow", 0),
    ("Зоряна", "Мазур", ["energy-auditor"], "answerer", 1),
    ("Геннадій", "Нестеренко", ["budget-analyst"], "rejected", 2),
]

STATEMENTS = {
    "heating-engineer": "Допомагаю будинкам перейти на індивідуальні теплові пункти і "
    "налаштувати опалення так, щоб у квартирах було тепло, а рахунки — менші.",
    "condominium-lawyer": "Супроводжую створення ОСББ, готую статути й протоколи зборів, "
    "допомагаю співвласникам домовлятися з управителями та міськими службами.",
    "landscape-architect": "Проєктую двори і сквери разом із мешканцями: від першої "
    "зустрічі до висадки дерев і лавок, на яких справді сидять.",
    "accessibility-auditor": "Перевіряю, чи можна дістатися будівлі на візку, з "
    "дитячою коляскою чи з білою тростиною, і пропоную, що виправити першим.",
    "energy-auditor": "Роблю енергоаудити будинків і допомагаю подати заявку на "
    "державні програми енергоефективності.",
    "urban-planner": "Працюю з детальними планами територій і громадськими просторами; "
    "пояснюю мешканцям, що означають креслення для їхнього кварталу.",
    "budget-analyst": "Читаю міський бюджет і кошториси так, щоб їх зрозуміли всі; "
    "допомагаю авторам проєктів громадського бюджету порахувати витрати.",
    "arborist": "Оцінюю стан дерев, кажу, які можна врятувати, а які небезпечні, і "
    "планую висадку так, щоб дерева прижилися.",
    "road-safety-engineer": "Аналізую аварійні ділянки і пропоную прості рішення: "
    "острівці безпеки, підняті переходи, звуження смуг біля шкіл.",
    "social-worker": "Допомагаю самотнім літнім людям, сім'ям у складних обставинах і "
    "переселенцям знайти підтримку, на яку вони мають право.",
    "structural-engineer": "Обстежую будинки, покрівлі й укриття, веду технагляд за "
    "ремонтами, щоб гроші мешканців не пішли на переробки.",
    "ecologist": "Вимірюю якість повітря й води, допомагаю дворам налагодити "
    "роздільний збір відходів.",
}

CREDENTIALS = [
    "Магістр, Київський національний університет будівництва і архітектури. "
    "Кваліфікаційний сертифікат відповідального виконавця. Досвід {years} років.",
    "Диплом Національного університету «Львівська політехніка». "
    "Член професійної асоціації, {years} років практики.",
    "Вища освіта за спеціальністю, сертифікат підвищення кваліфікації 2023 року. "
    "Досвід роботи з громадськими організаціями — {years} років.",
]

RESIDENTS = [
    ("Ганна", "Бойко"),
    ("Петро", "Савчук"),
    ("Оксана", "Ковальчук"),
    ("Михайло", "Олешко"),
    ("Лариса", "Данилюк"),
    ("Степан", "Гриценко"),
    ("Вікторія", "Яковенко"),
    ("Юрій", "Чорний"),
    ("Надія", "Левченко"),
    ("Олександр", "Тимошенко"),
    ("Ольга", "Кучер"),
    ("Віталій", "Пономар"),
    ("Інна", "Соловйова"),
    ("Артем", "Зінченко"),
    ("Марія", "Борисенко"),
    ("Євген", "Лук'яненко"),
    ("Аліна", "Дячук"),
    ("Ростислав", "Максименко"),
    ("Зоя", "Клименко"),
    ("Григорій", "Федорук"),
    ("Діана", "Ничипорук"),
    ("Остап", "Ярошенко"),
    ("Валентина", "Семенко"),
    ("Кирило", "Ющенко"),
    ("Ніна", "Костенко"),
    ("Федір", "Самойленко"),
    ("Уляна", "Вовк"),
    ("Антон", "Жук"),
    ("Раїса", "Сорока"),
    ("Ілля", "Панченко"),
    ("Мирослава", "Гаврилюк"),
    ("Тимофій", "Сахно"),
    ("Єва", "Мельничук"),
    ("Богдана", "Процик"),
    ("Лев", "Нагорний"),
    ("Віра", "Білик"),
]

# Ukrainian title, English title, Ukrainian goal, English goal, needed competencies, state
PROJECTS = [
    (
        "Тепловий пункт для будинку на Соборній, 12",
        "A heat substation for 12 Soborna St",
        "Встановити індивідуальний тепловий пункт і зменшити рахунки за опалення на чверть.",
        "Install an individual heat substation and cut heating bills by a quarter.",
        ["heating-engineer", "energy-auditor"],
        "completed",
    ),
    (
        "ОСББ «Каштан»: від ідеї до реєстрації",
        "Condominium “Kashtan”: from idea to registration",
        "Об'єднати співвласників трьох під'їздів і зареєструвати ОСББ.",
        "Bring the co-owners of three entrances together and register a condominium.",
        ["condominium-lawyer"],
        "completed",
    ),
    (
        "Сквер біля школи № 7",
        "A square by School No. 7",
        "Перетворити пустир біля школи на сквер із тінню, лавками і безпечним входом.",
        "Turn the wasteland by the school into a square with shade, benches and a safe entrance.",
        ["landscape-architect", "arborist", "road-safety-engineer"],
        "completed",
    ),
    (
        "Доступна поліклініка на Заводській",
        "An accessible clinic on Zavodska St",
        "Зробити вхід, реєстратуру і вбиральні поліклініки доступними для всіх.",
        "Make the clinic's entrance, front desk and toilets accessible to everyone.",
        ["accessibility-auditor", "structural-engineer"],
        "completed",
    ),
    (
        "Енергоаудит п'яти гуртожитків",
        "An energy audit of five dormitories",
        "Оцінити втрати тепла і підготувати заявки на програму енергоефективності.",
        "Measure heat losses and prepare applications for an energy-efficiency programme.",
        ["energy-auditor", "heating-engineer"],
        "completed",
    ),
    (
        "Безпечний перехід біля ринку",
        "A safe crossing by the market",
        "Прибрати аварійну ділянку: острівець безпеки, освітлення, піднятий перехід.",
        "Fix the crash hotspot: a refuge island, lighting and a raised crossing.",
        ["road-safety-engineer", "urban-planner"],
        "completed",
    ),
    (
        "Громадський бюджет: розбір кошторисів",
        "Participatory budget: reading the estimates",
        "Допомогти авторам двадцяти проєктів порахувати реальні витрати.",
        "Help the authors of twenty projects cost them realistically.",
        ["budget-analyst"],
        "completed",
    ),
    (
        "Порятунок алеї лип на Лісовій",
        "Saving the lime alley on Lisova St",
        "Обстежити 120 лип, врятувати ті, що можна, і висадити нові.",
        "Survey 120 lime trees, save those that can be saved and plant new ones.",
        ["arborist", "ecologist"],
        "completed",
    ),
    (
        "Підтримка самотніх літніх людей Північного району",
        "Support for lonely older people in the Northern district",
        "Налагодити регулярні відвідини і допомогу для 60 самотніх людей.",
        "Organise regular visits and help for 60 people living alone.",
        ["social-worker"],
        "completed",
    ),
    (
        "Обстеження укриттів у школах",
        "A survey of school shelters",
        "Перевірити укриття дев'яти шкіл і скласти перелік першочергових робіт.",
        "Inspect the shelters of nine schools and list the most urgent works.",
        ["structural-engineer", "accessibility-auditor"],
        "completed",
    ),
    (
        "Роздільний збір у дворах Набережного",
        "Waste sorting in Riverside courtyards",
        "Облаштувати майданчики для роздільного збору і навчити мешканців ними користуватися.",
        "Set up sorting points and help residents get used to them.",
        ["ecologist"],
        "completed",
    ),
    (
        "Детальний план кварталу біля вокзалу",
        "A detailed plan for the station quarter",
        "Разом із мешканцями обговорити і виправити детальний план території.",
        "Discuss and improve the detailed area plan together with residents.",
        ["urban-planner", "budget-analyst"],
        "completed",
    ),
    (
        "Нова покрівля для будинку на Шевченка, 40",
        "A new roof for 40 Shevchenka St",
        "Замінити покрівлю з технаглядом, щоб не повторити торішній провал.",
        "Replace the roof under technical supervision, not repeating last year's failure.",
        ["structural-engineer", "condominium-lawyer"],
        "active",
    ),
    (
        "Двір без машин на тротуарах",
        "A courtyard without cars on the pavements",
        "Перепланувати двір: паркування, зелень і місце для дітей.",
        "Redesign the courtyard: parking, greenery and room for children.",
        ["landscape-architect", "road-safety-engineer"],
        "active",
    ),
    (
        "Модернізація котельні Південного району",
        "Modernising the Southern district boiler house",
        "Замінити котли і скоротити витрати газу на третину.",
        "Replace the boilers and cut gas use by a third.",
        ["heating-engineer", "energy-auditor", "budget-analyst"],
        "active",
    ),
    (
        "Доступні зупинки на маршруті № 5",
        "Accessible stops on route 5",
        "Переобладнати 14 зупинок: низькі бордюри, тактильна плитка, навіси.",
        "Rebuild 14 stops: level kerbs, tactile paving, shelters.",
        ["accessibility-auditor", "road-safety-engineer"],
        "active",
    ),
    (
        "Центр допомоги переселенцям",
        "A help centre for displaced people",
        "Відкрити центр консультацій і соціального супроводу для переселенців.",
        "Open a centre of advice and social support for displaced people.",
        ["social-worker", "condominium-lawyer"],
        "active",
    ),
    (
        "Парк над річкою: перший етап",
        "The riverside park: stage one",
        "Розчистити береги, прокласти стежки і висадити перші двісті дерев.",
        "Clear the banks, lay paths and plant the first two hundred trees.",
        ["landscape-architect", "arborist", "ecologist"],
        "active",
    ),
    (
        "Утеплення дитячого садка № 3",
        "Insulating Kindergarten No. 3",
        "Утеплити фасад і замінити вікна до наступного опалювального сезону.",
        "Insulate the façade and replace the windows before next winter.",
        ["energy-auditor", "structural-engineer"],
        "planned",
    ),
    (
        "Тихі вулиці біля шкіл",
        "Quiet streets around schools",
        "Зони 30 км/год і безпечні маршрути до шести шкіл.",
        "30 km/h zones and safe routes to six schools.",
        ["road-safety-engineer", "urban-planner"],
        "planned",
    ),
    (
        "Відкритий бюджет району",
        "An open district budget",
        "Опублікувати видатки району зрозумілою мовою і навчити мешканців їх читати.",
        "Publish the district's spending in plain language and teach residents to read it.",
        ["budget-analyst"],
        "planned",
    ),
    (
        "Інвентаризація дерев Центрального району",
        "A tree inventory of the Central district",
        "Скласти публічну карту дерев із їхнім станом і планом догляду.",
        "Build a public map of trees with their condition and a care plan.",
        ["arborist", "ecologist"],
        "planned",
    ),
]

MILESTONES = [
    ("Обстеження і вихідні дані", "Survey and data"),
    ("Проєкт і кошторис", "Design and estimate"),
    ("Роботи", "Works"),
    ("Приймання і звіт мешканцям", "Acceptance and report to residents"),
]

OUTCOME_UK = (
    "<p>Роботи завершено і прийнято разом із мешканцями. Звіт і фото — у співвласників.</p>"
)
OUTCOME_EN = "<p>The work is done and was accepted together with residents.</p>"

ROLE_TITLES = {
    "heating-engineer": "проєкт теплового пункту",
    "condominium-lawyer": "юридичний супровід",
    "landscape-architect": "ескізний проєкт",
    "accessibility-auditor": "аудит доступності",
    "energy-auditor": "енергоаудит",
    "urban-planner": "планувальні рішення",
    "budget-analyst": "кошторис і закупівлі",
    "arborist": "обстеження дерев",
    "road-safety-engineer": "аудит безпеки руху",
    "social-worker": "соціальний супровід",
    "structural-engineer": "технічний нагляд",
    "ecologist": "екологічна оцінка",
}

COMMENTS = {
    "high": [
        "Пояснювала складні речі простими словами, на кожній зустрічі була готова.",
        "Завдяки його розрахункам ми зекономили більше, ніж планували.",
        "Дуже уважно вислухала всіх мешканців, рішення вийшло спільним.",
        "Все вчасно, все чесно, з документами повний порядок.",
    ],
    "mid": [
        "Фахово, але деякі документи довелося чекати.",
        "Добрі рішення, хоча на листи відповідав не завжди швидко.",
        "Загалом задоволені результатом.",
    ],
    "low": [
        "Терміни зірвано двічі, довелося шукати допомогу деінде.",
        "Рекомендації загальні, для нашого будинку мало корисні.",
    ],
}
