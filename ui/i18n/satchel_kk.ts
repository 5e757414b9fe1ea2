<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Open bundle…</source>
        <translation>Буманы &amp;ашу…</translation>
    </message>
    <message>
        <source>Import a &amp;folder of bundles…</source>
        <translation>Бумалар &amp;қалтасын импорттау…</translation>
    </message>
    <message>
        <source>&amp;Pass on to a drive…</source>
        <translation>Флешкаға &amp;беру…</translation>
    </message>
    <message>
        <source>S&amp;hare on this network…</source>
        <translation>Осы желіде &amp;бөлісу…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>Басып &amp;шығару…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>P&amp;DF ретінде сақтау…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Баптаулар…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Шығу</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Іздеу</translation>
    </message>
    <message>
        <source>&amp;Larger text</source>
        <translation>Мәтінді &amp;үлкейту</translation>
    </message>
    <message>
        <source>S&amp;maller text</source>
        <translation>Мәтінді &amp;кішірейту</translation>
    </message>
    <message>
        <source>&amp;Normal text size</source>
        <translation>&amp;Қалыпты мәтін өлшемі</translation>
    </message>
    <message>
        <source>&amp;Where this came from</source>
        <translation>&amp;Мақала қайдан келді</translation>
    </message>
    <message>
        <source>Mark as &amp;unread</source>
        <translation>&amp;Оқылмаған деп белгілеу</translation>
    </message>
    <message>
        <source>&amp;Bookmark</source>
        <translation>&amp;Бетбелгіге қосу</translation>
    </message>
    <message>
        <source>&amp;Next article</source>
        <translation>&amp;Келесі мақала</translation>
    </message>
    <message>
        <source>P&amp;revious article</source>
        <translation>&amp;Алдыңғы мақала</translation>
    </message>
    <message>
        <source>Go to the &amp;sidebar</source>
        <translation>&amp;Бөлімдерге өту</translation>
    </message>
    <message>
        <source>Go to the article &amp;list</source>
        <translation>Мақалалар &amp;тізіміне өту</translation>
    </message>
    <message>
        <source>Go to the &amp;article</source>
        <translation>&amp;Мақалаға өту</translation>
    </message>
    <message>
        <source>&amp;Import this bundle</source>
        <translation>Осы буманы &amp;импорттау</translation>
    </message>
    <message>
        <source>Check &amp;fonts</source>
        <translation>&amp;Қаріптерді тексеру</translation>
    </message>
    <message>
        <source>&amp;About Satchel</source>
        <translation>Satchel &amp;туралы</translation>
    </message>
    <message>
        <source>&amp;Remove from library…</source>
        <translation>Кітапханадан &amp;жою…</translation>
    </message>
</context>
<context>
    <name>ArticleList</name>
    <message>
        <source>Newest first</source>
        <translation>Алдымен жаңалары</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>Алдымен ескілері</translation>
    </message>
    <message>
        <source>By title</source>
        <translation>Тақырыбы бойынша</translation>
    </message>
    <message>
        <source>By publisher</source>
        <translation>Баспагері бойынша</translation>
    </message>
    <message>
        <source>Order of the articles</source>
        <translation>Мақалалардың реті</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>Мақалалар</translation>
    </message>
    <message>
        <source>No articles here yet.</source>
        <translation>Мұнда әзірге мақала жоқ.</translation>
    </message>
    <message>
        <source>Open a bundle with File &gt; Open bundle, or drop a .satchel file on this window.</source>
        <translation>Буманы «Файл &gt; Буманы ашу» арқылы ашыңыз немесе .satchel файлын осы терезеге сүйреп әкеліңіз.</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n мақала</numerusform>
            <numerusform>%n мақала</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <source>Trusted publisher</source>
        <translation>Сенімді баспагер</translation>
    </message>
    <message>
        <source>Unverified publisher</source>
        <translation>Тексерілмеген баспагер</translation>
    </message>
    <message>
        <source>Blocked publisher</source>
        <translation>Бұғатталған баспагер</translation>
    </message>
    <message>
        <source>Publisher key revoked</source>
        <translation>Баспагердің кілті кері қайтарылған</translation>
    </message>
    <message>
        <source>Newer version held back</source>
        <translation>Жаңа нұсқа ұсталып қалды</translation>
    </message>
    <message>
        <source>Retired key</source>
        <translation>Бұрынғы кілт</translation>
    </message>
    <message>
        <source>A newer version of this article is signed only by a key its publisher has retired or revoked, so it cannot replace this one.</source>
        <translation>Бұл мақаланың жаңа нұсқасына тек баспагер ауыстырған немесе кері қайтарған кілтпен ғана қол қойылған, сондықтан ол мұны алмастыра алмайды.</translation>
    </message>
    <message>
        <source>Signed with a key its publisher has since replaced.</source>
        <translation>Баспагер кейін ауыстырған кілтпен қол қойылған.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Тақырып</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Баспагер</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Күні</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Тілі</translation>
    </message>
    <message>
        <source>[Retracted] %1</source>
        <translation>[Кері қайтарылған] %1</translation>
    </message>
    <message>
        <source>unread</source>
        <translation>оқылмаған</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Dismiss this message</source>
        <translation>Бұл хабарды жабу</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Pass on to a drive</source>
        <translation>Флешкаға беру</translation>
    </message>
    <message>
        <source>What to pass on</source>
        <translation>Нені беру керек</translation>
    </message>
    <message numerus="yes">
        <source>The chosen article(s) (%n)</source>
        <translation>
            <numerusform>Таңдалған мақала (%n)</numerusform>
            <numerusform>Таңдалған мақалалар (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Whole bundles:</source>
        <translation>Бумаларды толығымен:</translation>
    </message>
    <message>
        <source>Everything in my library</source>
        <translation>Кітапханадағының бәрін</translation>
    </message>
    <message>
        <source>Bundles to pass on</source>
        <translation>Берілетін бумалар</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n article(s))</source>
        <translation>
            <numerusform>%1 (%n мақала)</numerusform>
            <numerusform>%1 (%n мақала)</numerusform>
        </translation>
    </message>
    <message>
        <source>No articles</source>
        <translation>Мақаласыз</translation>
    </message>
    <message>
        <source>Share Satchel itself</source>
        <translation>Satchel-дің өзімен бөлісу</translation>
    </message>
    <message>
        <source>The app and what installs it on Windows, macOS and Linux with no internet (%1). Satchel checks it before and after copying.</source>
        <translation>Бағдарлама және оны Windows, macOS және Linux жүйелеріне интернетсіз орнатуға қажеттінің бәрі (%1). Satchel оны көшіруден бұрын да, кейін де тексереді.</translation>
    </message>
    <message>
        <source>This copy of Satchel was not installed from a release folder, so it cannot pass itself on. A Satchel installed from a drive can.</source>
        <translation>Satchel-дің бұл көшірмесі шығарылым қалтасынан орнатылмаған, сондықтан өзін бере алмайды. Флешкадан орнатылған Satchel бере алады.</translation>
    </message>
    <message>
        <source>Where to</source>
        <translation>Қайда</translation>
    </message>
    <message>
        <source>Drive or folder to write to</source>
        <translation>Жазатын флешка немесе қалта</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>Қалтаны таңдау…</translation>
    </message>
    <message>
        <source>Each article keeps its publisher&apos;s signature, so whoever receives it can check it just as you did.</source>
        <translation>Әр мақала баспагердің қолтаңбасын сақтайды, сондықтан алған адам оны сіз сияқты тексере алады.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Бас тарту</translation>
    </message>
    <message>
        <source>Write to the drive</source>
        <translation>Жазу</translation>
    </message>
    <message>
        <source>%1 (%2 free)</source>
        <translation>%1 (%2 бос)</translation>
    </message>
    <message>
        <source>Choose where to write</source>
        <translation>Қайда жазатынын таңдаңыз</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>Жазылып жатыр…</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Барысы</translation>
    </message>
    <message>
        <source>Do not remove the drive yet.</source>
        <translation>Флешканы әзірге суырмаңыз.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Тоқтату</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Тоқтатылып жатыр…</translation>
    </message>
    <message>
        <source>Writing the articles…</source>
        <translation>Мақалалар жазылып жатыр…</translation>
    </message>
    <message>
        <source>Reading everything back to check it…</source>
        <translation>Тексеру үшін бәрі қайта оқылып жатыр…</translation>
    </message>
    <message>
        <source>Copying Satchel itself…</source>
        <translation>Satchel-дің өзін көшіріп жатырмыз…</translation>
    </message>
    <message>
        <source>Checking Satchel itself…</source>
        <translation>Satchel-дің өзін тексеріп жатырмыз…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Жабу</translation>
    </message>
    <message>
        <source>Safe to remove</source>
        <translation>Суыруға болады</translation>
    </message>
    <message>
        <source>Satchel itself was written to %1 and read back intact. You can remove the drive now.</source>
        <translation>Satchel-дің өзі %1 ішіне жазылып, қатесіз кері оқылды. Енді флешканы шығаруға болады.</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) were written to %1 and read back intact. You can remove the drive now.</source>
        <translation>
            <numerusform>%n мақала %1 ішіне жазылды және қатесіз қайта оқылды. Енді флешканы суыруға болады.</numerusform>
            <numerusform>%n мақала %1 ішіне жазылды және қатесіз қайта оқылды. Енді флешканы суыруға болады.</numerusform>
        </translation>
    </message>
    <message>
        <source>Satchel itself is on it too.</source>
        <translation>Satchel-дің өзі де сонда.</translation>
    </message>
    <message>
        <source>To install it, the other person opens the folder “%1” and follows INSTALL.txt (in English, Russian, Kazakh and Persian).</source>
        <translation>Оны орнату үшін екінші адам «%1» қалтасын ашып, INSTALL.txt нұсқауын орындайды (ағылшын, орыс, қазақ және парсы тілдерінде).</translation>
    </message>
    <message>
        <source>Do not rely on this copy</source>
        <translation>Бұл көшірмеге сенбеңіз</translation>
    </message>
    <message>
        <source>The files on %1 could not be read back correctly. The drive may be failing; try another one.</source>
        <translation>%1 ішіндегі файлдарды дұрыс қайта оқу мүмкін болмады. Флешка ақаулы болуы мүмкін; басқасын қолданып көріңіз.</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) did not fit on the drive and were left out.</source>
        <translation>
            <numerusform>%n мақала флешкаға сыймады, сондықтан жазылмады.</numerusform>
            <numerusform>%n мақала флешкаға сыймады, сондықтан жазылмады.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Тоқтатылды</translation>
    </message>
    <message>
        <source>Nothing half-written was left on the drive.</source>
        <translation>Флешкада жартылай жазылған ештеңе қалмады.</translation>
    </message>
    <message>
        <source>Could not pass these on</source>
        <translation>Беру мүмкін болмады</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import stopped</source>
        <translation>Импорт тоқтатылды</translation>
    </message>
    <message>
        <source>No bundles found</source>
        <translation>Бумалар табылмады</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>Ештеңе импортталмады</translation>
    </message>
    <message>
        <source>Nothing new</source>
        <translation>Жаңа ештеңе жоқ</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Импорт аяқталды</translation>
    </message>
    <message numerus="yes">
        <source>%n new article(s) added to your library.</source>
        <translation>
            <numerusform>Кітапханаңызға %n жаңа мақала қосылды.</numerusform>
            <numerusform>Кітапханаңызға %n жаңа мақала қосылды.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) updated to a newer version from the publisher.</source>
        <translation>
            <numerusform>%n мақала баспагердің жаңа нұсқасына жаңартылды.</numerusform>
            <numerusform>%n мақала баспагердің жаңа нұсқасына жаңартылды.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) you already had were skipped.</source>
        <translation>
            <numerusform>Сізде бұрыннан бар %n мақала өткізіп жіберілді.</numerusform>
            <numerusform>Сізде бұрыннан бар %n мақала өткізіп жіберілді.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bundle(s) had been imported before and were skipped.</source>
        <translation>
            <numerusform>%n бума бұрын импортталған, сондықтан өткізіп жіберілді.</numerusform>
            <numerusform>%n бума бұрын импортталған, сондықтан өткізіп жіберілді.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) now have two different signed texts with the same version number. Both are kept; look at them with care.</source>
        <translation>
            <numerusform>%n мақаланың нұсқа нөмірі бірдей, бірақ қол қойылған екі түрлі мәтіні бар. Екеуі де сақталды; оларды мұқият оқыңыз.</numerusform>
            <numerusform>%n мақаланың нұсқа нөмірі бірдей, бірақ қол қойылған екі түрлі мәтіні бар. Екеуі де сақталды; оларды мұқият оқыңыз.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bundle(s) were refused. Nothing from a refused bundle was used; the list below says why.</source>
        <translation>
            <numerusform>%n бума қабылданбады. Қабылданбаған бумадан ештеңе алынбады; себебі төмендегі тізімде.</numerusform>
            <numerusform>%n бума қабылданбады. Қабылданбаған бумалардан ештеңе алынбады; себептері төмендегі тізімде.</numerusform>
        </translation>
    </message>
    <message>
        <source>You stopped the import. Bundles that were finished before are in your library; the one being read was undone completely.</source>
        <translation>Сіз импортты тоқтаттыңыз. Бұған дейін өңделген бумалар кітапханада; оқылып жатқан бума толығымен болдырылмады.</translation>
    </message>
    <message>
        <source>There were no Satchel bundles (*.satchel files) there.</source>
        <translation>Онда Satchel бумалары (*.satchel файлдары) жоқ.</translation>
    </message>
    <message>
        <source>Refused: %1
%2
%3</source>
        <translation>Қабылданбады: %1
%2
%3</translation>
    </message>
    <message>
        <source>Already imported: %1</source>
        <translation>Бұрын импортталған: %1</translation>
    </message>
    <message>
        <source>Nothing new in %1</source>
        <translation>%1 ішінде жаңа ештеңе жоқ</translation>
    </message>
    <message numerus="yes">
        <source>%n new article(s)</source>
        <translation>
            <numerusform>%n жаңа мақала</numerusform>
            <numerusform>%n жаңа мақала</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n жаңартылды</numerusform>
            <numerusform>%n жаңартылды</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Import bundles</source>
        <translation>Бумаларды импорттау</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Импортталып жатыр…</translation>
    </message>
    <message>
        <source>Looking for bundles…</source>
        <translation>Бумалар ізделуде…</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Импорт барысы</translation>
    </message>
    <message>
        <source>Every article is checked before anything is saved. You can stop at any time; nothing will be left half-imported.</source>
        <translation>Әр мақала сақталмас бұрын тексеріледі. Кез келген сәтте тоқтатуға болады; ештеңе жартылай импортталып қалмайды.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Тоқтату</translation>
    </message>
    <message>
        <source>Stop the import</source>
        <translation>Импортты тоқтату</translation>
    </message>
    <message>
        <source>What happened to each bundle</source>
        <translation>Әр бумаға не болды</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Жабу</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Тоқтатылып жатыр…</translation>
    </message>
    <message>
        <source>Stopping and undoing the bundle under way…</source>
        <translation>Тоқтатып, өңделіп жатқан буманы болдырмау…</translation>
    </message>
    <message>
        <source>Checking signatures in “%1”…</source>
        <translation>«%1» ішіндегі қолтаңбалар тексерілуде…</translation>
    </message>
    <message>
        <source>Saving “%1”…</source>
        <translation>«%1» сақталуда…</translation>
    </message>
    <message>
        <source>Updating search…</source>
        <translation>Іздеу жаңартылуда…</translation>
    </message>
    <message>
        <source>(bundle %1 of %2)</source>
        <translation>(%2 буманың %1-сі)</translation>
    </message>
    <message>
        <source>The import could not finish</source>
        <translation>Импортты аяқтау мүмкін болмады</translation>
    </message>
</context>
<context>
    <name>Importer</name>
    <message>
        <source>Open bundles</source>
        <translation>Бумаларды ашу</translation>
    </message>
    <message>
        <source>Satchel bundles (*.satchel)</source>
        <translation>Satchel бумалары (*.satchel)</translation>
    </message>
    <message>
        <source>Import a folder of bundles</source>
        <translation>Бумалар қалтасын импорттау</translation>
    </message>
    <message>
        <source>You are looking at “%1” straight from where it is stored. Its signatures check out. Nothing has been added to your library.</source>
        <translation>Сіз «%1» бумасын сақталған жерінен тікелей қарап отырсыз. Қолтаңбалары дұрыс. Кітапханаңызға ештеңе қосылған жоқ.</translation>
    </message>
    <message>
        <source>Import into my library</source>
        <translation>Кітапханама импорттау</translation>
    </message>
    <message numerus="yes">
        <source>“%1” is connected and holds %n bundle(s).</source>
        <translation>
            <numerusform>«%1» қосылды, онда %n бума бар.</numerusform>
            <numerusform>«%1» қосылды, онда %n бума бар.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import them</source>
        <translation>Импорттау</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Қазір емес</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Satchel</source>
        <translation>Satchel</translation>
    </message>
    <message>
        <source>Satchel is locked</source>
        <translation>Satchel құлыпталған</translation>
    </message>
    <message>
        <source>Type the library&apos;s passphrase to open it.</source>
        <translation>Кітапхананы ашу үшін оның құпия сөз тіркесін енгізіңіз.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Құпия сөз тіркесі</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Ашу</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>Ашылуда…</translation>
    </message>
    <message>
        <source>That passphrase does not open this library.</source>
        <translation>Бұл құпия сөз тіркесі кітапхананы ашпайды.</translation>
    </message>
</context>
<context>
    <name>Locking</name>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Құлыптау</translation>
    </message>
    <message>
        <source>Lock Satchel: the passphrase is needed to open the library again (Ctrl+L)</source>
        <translation>Satchel-ді құлыптау: кітапхананы қайта ашу үшін құпия сөз тіркесі керек (Ctrl+L)</translation>
    </message>
    <message>
        <source>Panic: destroy the library and quit</source>
        <translation>Дабыл: кітапхананы жойып, шығу</translation>
    </message>
    <message>
        <source>Protect this library…</source>
        <translation>Бұл кітапхананы қорғау…</translation>
    </message>
    <message>
        <source>Change the passphrase…</source>
        <translation>Құпия сөз тіркесін өзгерту…</translation>
    </message>
    <message>
        <source>Duress passphrase…</source>
        <translation>Мәжбүрлеу кезіндегі сөз тіркесі…</translation>
    </message>
    <message>
        <source>Protect this library?</source>
        <translation>Бұл кітапхананы қорғау керек пе?</translation>
    </message>
    <message>
        <source>Satchel can encrypt everything it keeps with a passphrase, so that anyone who takes this computer sees only noise. You can also do it later from the File menu.</source>
        <translation>Satchel сақтайтынның бәрін құпия сөз тіркесімен шифрлай алады: бұл компьютерді алған адам тек мағынасыз деректерді көреді. Мұны кейін «Файл» мәзірінен де жасауға болады.</translation>
    </message>
    <message>
        <source>Protect…</source>
        <translation>Қорғау…</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Қазір емес</translation>
    </message>
    <message>
        <source>Encrypting your library…</source>
        <translation>Кітапхана шифрлануда…</translation>
    </message>
    <message>
        <source>Passphrase changed.</source>
        <translation>Құпия сөз тіркесі өзгертілді.</translation>
    </message>
    <message>
        <source>Duress passphrase saved.</source>
        <translation>Мәжбүрлеу кезіндегі сөз тіркесі сақталды.</translation>
    </message>
    <message>
        <source>This copy will not be protected</source>
        <translation>Бұл көшірме қорғалмайды</translation>
    </message>
    <message>
        <source>Your library is encrypted, but a printout or a PDF file is not: anyone who finds it can read it. Continue?</source>
        <translation>Кітапхана шифрланған, ал басып шығарылған парақ пен PDF файлы шифрланбайды: оны тапқан кез келген адам оқи алады. Жалғастыру керек пе?</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Satchel</source>
        <translation>Satchel</translation>
    </message>
    <message>
        <source>Main areas</source>
        <translation>Негізгі аймақтар</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Көрініс</translation>
    </message>
    <message>
        <source>&amp;Article</source>
        <translation>&amp;Мақала</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Анықтама</translation>
    </message>
    <message>
        <source>Opening your library…</source>
        <translation>Кітапхана ашылуда…</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Құлыптау</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n мақала</numerusform>
            <numerusform>%n мақала</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n оқылмаған</numerusform>
            <numerusform>%n оқылмаған</numerusform>
        </translation>
    </message>
    <message>
        <source>Mark as &amp;unread</source>
        <translation>&amp;Оқылмаған деп белгілеу</translation>
    </message>
    <message>
        <source>Remove &amp;bookmark</source>
        <translation>&amp;Бетбелгіден алып тастау</translation>
    </message>
    <message>
        <source>&amp;Bookmark</source>
        <translation>&amp;Бетбелгіге қосу</translation>
    </message>
    <message>
        <source>Mark as &amp;read</source>
        <translation>&amp;Оқылған деп белгілеу</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Сақталды: %1</translation>
    </message>
    <message>
        <source>Latin</source>
        <translation>Латын әліпбиі</translation>
    </message>
    <message>
        <source>Cyrillic</source>
        <translation>Кирилл әліпбиі</translation>
    </message>
    <message>
        <source>Kazakh letters (Ә Ғ Қ Ң Ө Ұ Ү Һ І)</source>
        <translation>Қазақ әріптері (Ә Ғ Қ Ң Ө Ұ Ү Һ І)</translation>
    </message>
    <message>
        <source>Arabic script (Persian, Arabic)</source>
        <translation>Араб жазуы (парсы, араб)</translation>
    </message>
    <message>
        <source>Letters without a font show as empty boxes. Install a font such as Noto Sans to fix this.</source>
        <translation>Қаріпі жоқ әріптер бос шаршы болып көрінеді. Түзету үшін Noto Sans сияқты қаріп орнатыңыз.</translation>
    </message>
    <message>
        <source>Fonts</source>
        <translation>Қаріптер</translation>
    </message>
    <message>
        <source>About Satchel</source>
        <translation>Satchel туралы</translation>
    </message>
    <message>
        <source>Satchel keeps news readable when the internet is cut off. Every article is signed by its publisher and checked on this computer; nothing here ever goes online.</source>
        <translation>Satchel интернет өшірілгенде де жаңалықтарды оқуға мүмкіндік береді. Әр мақалаға баспагер қол қойған және ол осы компьютерде тексеріледі; бағдарлама ешқашан желіге шықпайды.</translation>
    </message>
</context>
<context>
    <name>Opening</name>
    <message>
        <source>Satchel</source>
        <translation>Satchel</translation>
    </message>
    <message>
        <source>%1 — Satchel</source>
        <translation>%1 — Satchel</translation>
    </message>
    <message>
        <source>Opening your library…</source>
        <translation>Кітапхана ашылуда…</translation>
    </message>
    <message>
        <source>The library could not be opened.</source>
        <translation>Кітапхананы ашу мүмкін болмады.</translation>
    </message>
    <message>
        <source>Checking “%1”…</source>
        <translation>«%1» тексерілуде…</translation>
    </message>
    <message>
        <source>This bundle could not be opened.</source>
        <translation>Бұл буманы ашу мүмкін болмады.</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Current passphrase</source>
        <translation>Қазіргі құпия сөз тіркесі</translation>
    </message>
    <message>
        <source>Duress passphrase</source>
        <translation>Мәжбүрлеу кезіндегі сөз тіркесі</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Жаңа құпия сөз тіркесі</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>Қайталаңыз</translation>
    </message>
    <message>
        <source>Lock after this many idle minutes</source>
        <translation>Осынша минут әрекетсіздіктен кейін құлыптау</translation>
    </message>
    <message>
        <source>Protect this library</source>
        <translation>Бұл кітапхананы қорғау</translation>
    </message>
    <message>
        <source>Everything Satchel keeps (articles, titles, publishers, the search index) will be encrypted with this passphrase. Anyone who takes this computer sees only noise.

If you forget the passphrase, nobody can open the library again, not even you. A few words you will remember are best.</source>
        <translation>Satchel сақтайтынның бәрі (мақалалар, тақырыптар, баспагерлер, іздеу индексі) осы құпия сөз тіркесімен шифрланады. Компьютерді алған адам тек мағынасыз деректерді көреді.

Құпия сөз тіркесін ұмытсаңыз, кітапхананы ешкім, тіпті сіз де аша алмайсыз. Есте қалатын бірнеше сөз ең жақсысы.</translation>
    </message>
    <message>
        <source>Protect</source>
        <translation>Қорғау</translation>
    </message>
    <message>
        <source>Change the passphrase</source>
        <translation>Құпия сөз тіркесін өзгерту</translation>
    </message>
    <message>
        <source>The library stays as it is; only the passphrase that opens it changes.</source>
        <translation>Кітапхана өзгермейді; тек оны ашатын құпия сөз тіркесі өзгереді.</translation>
    </message>
    <message>
        <source>If someone forces you to open Satchel, type this passphrase instead of the real one: your library is destroyed at once, silently, and Satchel opens with only the welcome articles. Leave it empty to remove it.</source>
        <translation>Егер біреу сізді Satchel-ді ашуға мәжбүрлесе, шын сөз тіркесінің орнына осыны енгізіңіз: кітапхана бірден, үнсіз жойылады, ал Satchel тек сәлемдесу мақалаларымен ашылады. Оны алып тастау үшін бос қалдырыңыз.</translation>
    </message>
    <message>
        <source>Type the current passphrase.</source>
        <translation>Қазіргі құпия сөз тіркесін енгізіңіз.</translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n characters (a few words are easy to remember).</source>
        <translation>
            <numerusform>Кемінде %n таңба қолданыңыз (бірнеше сөзді есте сақтау оңай).</numerusform>
            <numerusform>Кемінде %n таңба қолданыңыз (бірнеше сөзді есте сақтау оңай).</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Екі құпия сөз тіркесі бір-біріне сәйкес емес.</translation>
    </message>
    <message>
        <source>The duress passphrase must differ from the real one.</source>
        <translation>Мәжбүрлеу кезіндегі сөз тіркесі шын сөз тіркесінен өзгеше болуы керек.</translation>
    </message>
    <message>
        <source>The current passphrase is wrong.</source>
        <translation>Қазіргі құпия сөз тіркесі қате.</translation>
    </message>
</context>
<context>
    <name>ProvenancePanel</name>
    <message>
        <source>Where this came from</source>
        <translation>Мақала қайдан келді</translation>
    </message>
    <message>
        <source>Fingerprint: %1</source>
        <translation>Саусақ ізі: %1</translation>
    </message>
    <message>
        <source>Trusted: you compared this publisher&apos;s fingerprint.</source>
        <translation>Сенімді: сіз бұл баспагердің саусақ ізін салыстырдыңыз.</translation>
    </message>
    <message>
        <source>Unverified: the signature is valid, but you have not compared the fingerprint yet.</source>
        <translation>Тексерілмеген: қолтаңба дұрыс, бірақ сіз саусақ ізін әлі салыстырған жоқсыз.</translation>
    </message>
    <message>
        <source>Blocked: you chose to hide this publisher&apos;s articles.</source>
        <translation>Бұғатталған: сіз бұл баспагердің мақалаларын жасыруды таңдадыңыз.</translation>
    </message>
    <message>
        <source>Revoked: the publisher has ended this key. Articles signed before still verify.</source>
        <translation>Кері қайтарылған: баспагер бұл кілтті тоқтатты. Бұрын қол қойылған мақалалар әлі де тексеруден өтеді.</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Жарияланған</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>Түзетілген</translation>
    </message>
    <message>
        <source>Retracted by the publisher</source>
        <translation>Баспагер кері қайтарған</translation>
    </message>
    <message>
        <source>Open an article to see who wrote it and how Satchel checked it.</source>
        <translation>Оны кім жазғанын және Satchel қалай тексергенін көру үшін мақаланы ашыңыз.</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Баспагер</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Саусақ ізі</translation>
    </message>
    <message>
        <source>This bundle has not been imported. Import it to keep its articles and to decide whether to trust this publisher.</source>
        <translation>Бұл бума импортталмаған. Мақалаларын сақтау және баспагерге сену-сенбеуді шешу үшін оны импорттаңыз.</translation>
    </message>
    <message>
        <source>Import this bundle</source>
        <translation>Осы буманы импорттау</translation>
    </message>
    <message>
        <source>This version</source>
        <translation>Осы нұсқа</translation>
    </message>
    <message>
        <source>Version %1 · %2</source>
        <translation>%1-нұсқа · %2</translation>
    </message>
    <message>
        <source>Signed %1 (the publisher&apos;s clock)</source>
        <translation>Қол қойылған уақыты: %1 (баспагердің сағаты бойынша)</translation>
    </message>
    <message>
        <source>Signed with a key the publisher has since replaced. The signature is still valid.</source>
        <translation>Баспагер кейін ауыстырған кілтпен қол қойылған. Қолтаңба әлі де жарамды.</translation>
    </message>
    <message>
        <source>Conflict: another text with the same version number is also signed by this publisher. Neither is shown as the current one.</source>
        <translation>Қайшылық: бұл баспагер нұсқа нөмірі бірдей басқа мәтінге де қол қойған. Олардың ешқайсысы ағымдағы нұсқа ретінде көрсетілмейді.</translation>
    </message>
    <message>
        <source>Held back: this version is kept, but it may not replace the one you had. It is signed only by a key the publisher has retired, or it arrived after they revoked their keys.</source>
        <translation>Ұсталып қалды: бұл нұсқа сақталды, бірақ ол сіздегі нұсқаны алмастыра алмайды. Оған тек баспагер ауыстырған кілтпен қол қойылған немесе ол баспагер кілттерін кері қайтарғаннан кейін келген.</translation>
    </message>
    <message>
        <source>Version %1 arrived after the publisher revoked their keys. It cannot replace this one.</source>
        <translation>%1-нұсқа баспагер кілттерін кері қайтарғаннан кейін келді. Ол мұны алмастыра алмайды.</translation>
    </message>
    <message>
        <source>Version %1 is signed only by a key the publisher has retired. It cannot replace this one.</source>
        <translation>%1-нұсқаға тек баспагер ауыстырған кілтпен қол қойылған. Ол мұны алмастыра алмайды.</translation>
    </message>
    <message>
        <source>Versions held</source>
        <translation>Сақталған нұсқалар</translation>
    </message>
    <message>
        <source>Version %1 (current) · %2</source>
        <translation>%1-нұсқа (ағымдағы) · %2</translation>
    </message>
    <message>
        <source>Version %1 · %2 · held back</source>
        <translation>%1-нұсқа · %2 · ұсталып қалды</translation>
    </message>
    <message>
        <source>How it reached you</source>
        <translation>Сізге қалай жетті</translation>
    </message>
    <message>
        <source>Packed by %1</source>
        <translation>Буып-түйген: %1</translation>
    </message>
    <message>
        <source>(the publisher itself)</source>
        <translation>(баспагердің өзі)</translation>
    </message>
    <message>
        <source>The bundle was not signed by whoever packed it. That is allowed: each article carries its own signature.</source>
        <translation>Буманы буып-түйген адам оған қол қоймаған. Бұған рұқсат етіледі: әр мақаланың өз қолтаңбасы бар.</translation>
    </message>
    <message>
        <source>In: %1</source>
        <translation>Бумасы: %1</translation>
    </message>
    <message>
        <source>First seen on this computer: %1</source>
        <translation>Осы компьютерде алғаш пайда болған уақыты: %1</translation>
    </message>
    <message>
        <source>Revocation</source>
        <translation>Кері қайтару</translation>
    </message>
    <message>
        <source>The publisher has revoked this key chain. No new articles should be signed with it; if you see newer ones, be careful.</source>
        <translation>Баспагер бұл кілттер тізбегін кері қайтарды. Онымен жаңа мақалаларға қол қойылмауы керек; ондайларды көрсеңіз, абай болыңыз.</translation>
    </message>
    <message>
        <source>Key history conflict</source>
        <translation>Кілт тарихындағы қайшылық</translation>
    </message>
    <message>
        <source>Satchel set aside the key history it held for this publisher: it does not pass today&apos;s checks (step %1).</source>
        <translation>Satchel осы баспагердің өзіндегі кілт тарихын шетке қойды: ол бүгінгі тексерулерден өтпейді (%1-қадам).</translation>
    </message>
    <message>
        <source>%1 brought another key history for this publisher (differing from step %2), first on %3. Satchel kept the one it had and refused the other.</source>
        <translation>%1 осы баспагердің басқа кілт тарихын әкелді (%2-қадамнан бастап өзгеше), алғаш рет %3. Satchel өзіндегісін сақтап, екіншісін қабылдамады.</translation>
    </message>
    <message>
        <source>Seen %1 times.</source>
        <translation>%1 рет кездесті.</translation>
    </message>
    <message>
        <source>Keys Satchel kept:</source>
        <translation>Satchel сақтаған кілттер:</translation>
    </message>
    <message>
        <source>Keys of the other history:</source>
        <translation>Басқа тарихтың кілттері:</translation>
    </message>
    <message>
        <source>Start this publisher over…</source>
        <translation>Бұл баспагерді қайта бастау…</translation>
    </message>
    <message>
        <source>The bundle “%1”</source>
        <translation>«%1» бумасы</translation>
    </message>
    <message>
        <source>The key card “%1”</source>
        <translation>«%1» кілт карточкасы</translation>
    </message>
    <message>
        <source>Stop trusting</source>
        <translation>Сенуді тоқтату</translation>
    </message>
    <message>
        <source>Unblock</source>
        <translation>Бұғаттан шығару</translation>
    </message>
    <message>
        <source>Compare fingerprint and trust…</source>
        <translation>Саусақ ізін салыстырып, сену…</translation>
    </message>
    <message>
        <source>Block this publisher…</source>
        <translation>Баспагерді бұғаттау…</translation>
    </message>
    <message>
        <source>Started “%1” over: %2 article(s) are hidden until their key history arrives again, in a bundle or a key card.</source>
        <translation>«%1» қайтадан басталды. Жасырылған мақалалар: %2 — оның кілт тарихы бумада не кілт карточкасында қайта келгенше.</translation>
    </message>
    <message>
        <source>Block this publisher?</source>
        <translation>Баспагерді бұғаттау керек пе?</translation>
    </message>
    <message>
        <source>Hide every article from “%1”? You can unblock them later from this panel.</source>
        <translation>«%1» баспагерінің барлық мақаласын жасыру керек пе? Кейін оны осы панельде бұғаттан шығара аласыз.</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>Бұғаттау</translation>
    </message>
</context>
<context>
    <name>ReadingPane</name>
    <message>
        <source>Article text</source>
        <translation>Мақала мәтіні</translation>
    </message>
    <message>
        <source>Choose an article to read it here.</source>
        <translation>Осында оқу үшін мақаланы таңдаңыз.</translation>
    </message>
    <message>
        <source>Retracted. The publisher has withdrawn this article. It is kept here so you can see what was withdrawn.</source>
        <translation>Кері қайтарылған. Баспагер бұл мақаланы қайтарып алды. Не қайтарылғанын көре алуыңыз үшін ол осында сақталған.</translation>
    </message>
    <message>
        <source>Two different texts of this article carry the same version number, both signed by the publisher. Satchel cannot tell which is right; the details panel lists both.</source>
        <translation>Бұл мақаланың нұсқа нөмірі бірдей екі түрлі мәтіні бар, екеуіне де баспагер қол қойған. Қайсысы дұрыс екенін Satchel анықтай алмайды; екеуі де толығырақ панелінде көрсетілген.</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Толығырақ</translation>
    </message>
    <message>
        <source>Corrected. This is version %1 of the article.</source>
        <translation>Түзетілген. Бұл мақаланың %1-нұсқасы.</translation>
    </message>
    <message>
        <source>Another key history also claims to be “%1”. Satchel kept the one it had; ask the publisher which key they sign with now.</source>
        <translation>Басқа бір кілт тарихы да өзін «%1» деп атайды. Satchel өзіндегісін сақтады; баспагерден қазір қай кілтпен қол қоятынын сұраңыз.</translation>
    </message>
    <message>
        <source>Unverified publisher. The article is intact and signed by “%1”, but you have not compared their fingerprint yet.</source>
        <translation>Тексерілмеген баспагер. Мақала өзгертілмеген және оған «%1» қол қойған, бірақ сіз оның саусақ ізін әлі салыстырған жоқсыз.</translation>
    </message>
    <message>
        <source>Compare fingerprint…</source>
        <translation>Саусақ ізін салыстыру…</translation>
    </message>
    <message>
        <source>“%1” has ended (revoked) this key. The article is intact, but nothing new should be signed with this key.</source>
        <translation>«%1» бұл кілтті тоқтатты (кері қайтарды). Мақала өзгертілмеген, бірақ бұл кілтпен жаңа ештеңеге қол қойылмауы керек.</translation>
    </message>
    <message>
        <source>Signed with a key that “%1” has since replaced. The signature is still valid.</source>
        <translation>«%1» кейін ауыстырған кілтпен қол қойылған. Қолтаңба әлі де жарамды.</translation>
    </message>
    <message>
        <source>A newer version (%1) of this article arrived after “%2” revoked their keys, so it cannot replace the version you have. The details panel lists it.</source>
        <translation>Бұл мақаланың жаңа нұсқасы (%1) «%2» кілттерін кері қайтарғаннан кейін келді, сондықтан ол сіздегі нұсқаны алмастыра алмайды. Ол толығырақ панелінде көрсетілген.</translation>
    </message>
    <message>
        <source>A newer version (%1) of this article is signed only by a key “%2” has retired, so it cannot replace the version you have. The details panel lists it.</source>
        <translation>Бұл мақаланың жаңа нұсқасына (%1) тек «%2» ауыстырған кілтпен қол қойылған, сондықтан ол сіздегі нұсқаны алмастыра алмайды. Ол толығырақ панелінде көрсетілген.</translation>
    </message>
    <message>
        <source>Cyrillic</source>
        <translation>Кирилл әліпбиі</translation>
    </message>
    <message>
        <source>Kazakh (Cyrillic with Ә Ғ Қ Ң Ө Ұ Ү Һ І)</source>
        <translation>қазақ (Ә Ғ Қ Ң Ө Ұ Ү Һ І бар кирилл)</translation>
    </message>
    <message>
        <source>Arabic script (Persian, Arabic)</source>
        <translation>Араб жазуы (парсы, араб)</translation>
    </message>
    <message>
        <source>No font on this computer can show %1 letters, so some of this article may appear as empty boxes. The article itself is not damaged. Installing a font such as Noto Sans fixes this.</source>
        <translation>Бұл компьютерде мына әріптерді көрсете алатын қаріп жоқ: %1. Сондықтан мақаланың бір бөлігі бос шаршылар болып көрінуі мүмкін. Мақаланың өзі бүлінбеген. Noto Sans сияқты қаріп орнатсаңыз, түзеледі.</translation>
    </message>
    <message>
        <source>Print article</source>
        <translation>Мақаланы басып шығару</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>PDF ретінде сақтау</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF файлдары (*.pdf)</translation>
    </message>
    <message>
        <source>image not shown: too large</source>
        <translation>сурет көрсетілмеді: тым үлкен</translation>
    </message>
</context>
<context>
    <name>ReleaseNotice</name>
    <message>
        <source>The copy of Satchel in “%1” failed its check: do not install it. It is not what the Satchel project signed. %2</source>
        <translation>«%1» ішіндегі Satchel көшірмесі тексеруден өтпеді: оны орнатпаңыз. Бұл Satchel жобасы қол қойған нұсқа емес. %2</translation>
    </message>
    <message>
        <source>“%1” holds Satchel %2, newer than yours (%3), and its signature checks out. To install it, open the folder and follow INSTALL.txt. First compare its release fingerprint with one from someone you trust: %4</source>
        <translation>«%1» ішінде Satchel %2 бар — сіздікінен жаңа (%3), қолтаңбасы дұрыс. Орнату үшін қалтаны ашып, INSTALL.txt нұсқауын орындаңыз. Алдымен шығарылымның саусақ ізін өзіңіз сенетін адамнан алғанмен салыстырыңыз: %4</translation>
    </message>
    <message>
        <source>“%1” holds Satchel %2, the version you have (%3). Its signature checks out: you can pass it on as it is.</source>
        <translation>«%1» ішінде Satchel %2 бар — сіздегі нұсқа (%3). Қолтаңбасы дұрыс: оны сол күйінде басқаларға беруге болады.</translation>
    </message>
    <message>
        <source>“%1” holds Satchel %2, older than yours (%3): it is not an update. Keep the one you have.</source>
        <translation>«%1» ішінде Satchel %2 бар — сіздікінен ескі (%3): бұл жаңарту емес. Өзіңіздегісін қалдырыңыз.</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>Қалтаны ашу</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Қазір емес</translation>
    </message>
</context>
<context>
    <name>RemoveDialog</name>
    <message>
        <source>Remove from library</source>
        <translation>Кітапханадан жою</translation>
    </message>
    <message>
        <source>Remove the bundle “%1” from this library?</source>
        <translation>«%1» бумасын осы кітапханадан жою керек пе?</translation>
    </message>
    <message>
        <source>Remove everything from “%1” from this library?</source>
        <translation>«%1» баспагерінің барлық мақаласын осы кітапханадан жою керек пе?</translation>
    </message>
    <message>
        <source>Articles deleted: %1</source>
        <translation>Жойылатын мақалалар: %1</translation>
    </message>
    <message>
        <source>Articles that keep another version: %1</source>
        <translation>Басқа нұсқасы қалатын мақалалар: %1</translation>
    </message>
    <message>
        <source>Versions that stay, because another bundle brought them too: %1</source>
        <translation>Қалатын нұсқалар (оларды басқа бума да әкелген): %1</translation>
    </message>
    <message>
        <source>Space freed: %1</source>
        <translation>Босайтын орын: %1</translation>
    </message>
    <message>
        <source>Importing the bundle file again brings them back.</source>
        <translation>Бума файлын қайта импорттасаңыз, олар қайтады.</translation>
    </message>
    <message>
        <source>Their fingerprint stays known. Importing their bundles again brings the articles back, unless you block them.</source>
        <translation>Баспагердің саусақ ізі белгілі болып қалады. Оның бумаларын қайта импорттасаңыз, мақалалар қайтады, егер оны бұғаттамасаңыз.</translation>
    </message>
    <message>
        <source>Also block “%1”, so nothing from them is shown again</source>
        <translation>«%1» баспагерін де бұғаттау: одан енді ештеңе көрсетілмейді</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Жою</translation>
    </message>
</context>
<context>
    <name>ResetDialog</name>
    <message>
        <source>Start this publisher over?</source>
        <translation>Бұл баспагерді қайта бастау керек пе?</translation>
    </message>
    <message>
        <source>Two key histories claim to be “%1”</source>
        <translation>Екі кілт тарихы өзін «%1» деп атайды</translation>
    </message>
    <message>
        <source>Both histories start from the same publisher fingerprint, so compare the keys below instead. Ask the publisher which key they sign with now, through a channel you already trust: in person, printed in their newspaper, or from a friend who checked it. Compare all sixteen groups.</source>
        <translation>Екі тарих та баспагердің бір саусақ ізінен басталады, сондықтан төмендегі кілттерді салыстырыңыз. Баспагерден қазір қай кілтпен қол қоятынын өзіңіз сенетін арна арқылы сұраңыз: жүзбе-жүз, оның газетінде басылғанын немесе оны тексерген досыңыздан. Барлық он алты топты салыстырыңыз.</translation>
    </message>
    <message>
        <source>The key Satchel kept:</source>
        <translation>Satchel сақтаған кілт:</translation>
    </message>
    <message>
        <source>The key of the other history:</source>
        <translation>Басқа тарихтың кілті:</translation>
    </message>
    <message>
        <source>(no key: a revocation)</source>
        <translation>(кілт жоқ: кері қайтару)</translation>
    </message>
    <message>
        <source>Fingerprint: %1</source>
        <translation>Саусақ ізі: %1</translation>
    </message>
    <message>
        <source>Only if the other key is theirs: starting over forgets the key history Satchel holds for this publisher and your trust decision. Their articles are kept but hidden until a key history arrives again (import a bundle from them, or their key card); then the articles their keys signed come back, and the others stay hidden.</source>
        <translation>Басқа кілт шынымен баспагердікі болса ғана: қайта бастау Satchel-дегі осы баспагердің кілт тарихын және сіздің сенім шешіміңізді ұмытады. Оның мақалалары сақталады, бірақ кілт тарихы қайта келгенше жасырылады (одан бума немесе оның кілт карточкасын импорттаңыз); сонда оның кілттері қол қойған мақалалар қайтады, қалғандары жасырын қалады.</translation>
    </message>
    <message>
        <source>The other key is theirs: start over</source>
        <translation>Басқа кілт — соныкі: қайта бастау</translation>
    </message>
    <message>
        <source>Keep things as they are</source>
        <translation>Бәрін сол күйінде қалдыру</translation>
    </message>
</context>
<context>
    <name>Search</name>
    <message>
        <source>Rebuild the search index</source>
        <translation>Іздеу индексін қайта құру</translation>
    </message>
    <message>
        <source>Rebuilding the search index…</source>
        <translation>Іздеу индексі қайта құрылуда…</translation>
    </message>
    <message>
        <source>The search index was rebuilt.</source>
        <translation>Іздеу индексі қайта құрылды.</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <source>Search all articles (Ctrl+K)</source>
        <translation>Барлық мақалалардан іздеу (Ctrl+K)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Іздеу</translation>
    </message>
    <message>
        <source>Results appear as you type. Enter opens the first result.</source>
        <translation>Нәтижелер теріп жатқанда шығады. Enter бірінші нәтижені ашады.</translation>
    </message>
    <message>
        <source>Filter by publisher</source>
        <translation>Баспагер бойынша сүзу</translation>
    </message>
    <message>
        <source>Filter by language</source>
        <translation>Тіл бойынша сүзу</translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation>Белгі бойынша сүзу</translation>
    </message>
    <message>
        <source>Filter by date</source>
        <translation>Күн бойынша сүзу</translation>
    </message>
    <message>
        <source>Any publisher</source>
        <translation>Кез келген баспагер</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>Кез келген тіл</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>Кез келген белгі</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Барлық уақыт</translation>
    </message>
    <message>
        <source>Past week</source>
        <translation>Соңғы апта</translation>
    </message>
    <message>
        <source>Past month</source>
        <translation>Соңғы ай</translation>
    </message>
    <message>
        <source>Past year</source>
        <translation>Соңғы жыл</translation>
    </message>
</context>
<context>
    <name>SearchResultsPanel</name>
    <message>
        <source>Search results</source>
        <translation>Іздеу нәтижелері</translation>
    </message>
    <message>
        <source>Search summary</source>
        <translation>Іздеу қорытындысы</translation>
    </message>
    <message>
        <source>Searching for “%1”…</source>
        <translation>«%1» ізделуде…</translation>
    </message>
    <message>
        <source>This search cannot be run as typed: %1</source>
        <translation>Бұл сұранысты осы күйінде орындау мүмкін емес: %1</translation>
    </message>
    <message>
        <source>Nothing found for “%1”.</source>
        <translation>«%1» бойынша ештеңе табылмады.</translation>
    </message>
    <message>
        <source>Try removing a filter.</source>
        <translation>Сүзгіні алып тастап көріңіз.</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n нәтиже</numerusform>
            <numerusform>%n нәтиже</numerusform>
        </translation>
    </message>
    <message>
        <source>(the best %1 are shown)</source>
        <translation>(ең жақсы %1 нәтиже көрсетілген)</translation>
    </message>
    <message>
        <source>Did you mean %1?</source>
        <translation>%1 деп айтқыңыз келді ме?</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Баптаулар</translation>
    </message>
    <message>
        <source>Same as the computer</source>
        <translation>Компьютердегідей</translation>
    </message>
    <message>
        <source>Language of the menus and buttons</source>
        <translation>Мәзір мен батырмалардың тілі</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Тіл:</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Ашық</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Күңгірт</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Түстер</translation>
    </message>
    <message>
        <source>&amp;Colours:</source>
        <translation>Тү&amp;стер:</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Text size of articles</source>
        <translation>Мақала мәтінінің өлшемі</translation>
    </message>
    <message>
        <source>&amp;Text size:</source>
        <translation>Мәтін &amp;өлшемі:</translation>
    </message>
    <message>
        <source>Tell me when a USB stick or memory card with bundles is connected</source>
        <translation>Бумалары бар флешка немесе жад картасы қосылғанда хабарлау</translation>
    </message>
    <message>
        <source>Satchel never connects to the internet. These settings are kept in your library folder.</source>
        <translation>Satchel ешқашан интернетке қосылмайды. Бұл баптаулар кітапхана қалтасында сақталады.</translation>
    </message>
</context>
<context>
    <name>ShareDialog</name>
    <message>
        <source>Share on this network</source>
        <translation>Осы желіде бөлісу</translation>
    </message>
    <message>
        <source>Let phones read this library</source>
        <translation>Телефондар осы кітапхананы оқысын</translation>
    </message>
    <message>
        <source>Phones on the same Wi-Fi or hotspot open the address below in a browser, or scan the code. They see only verified articles, with who signed each one; nothing they read or search is recorded. Sharing stops when you close this window.</source>
        <translation>Сол Wi-Fi желісіндегі немесе кіру нүктесіндегі телефондар төмендегі мекенжайды браузерде ашады немесе кодты сканерлейді. Олар тек тексерілген мақалаларды және әрқайсысына кім қол қойғанын көреді; не оқығаны, не іздегені жазылмайды. Бұл терезені жапқанда бөлісу тоқтайды.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Жабу</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Іске қосылуда…</translation>
    </message>
    <message>
        <source>Stop sharing</source>
        <translation>Бөлісуді тоқтату</translation>
    </message>
    <message>
        <source>Sharing until you stop it or close this window.</source>
        <translation>Тоқтатқанша немесе осы терезені жапқанша бөлісу жүріп тұр.</translation>
    </message>
    <message>
        <source>No Wi-Fi network or hotspot found. Join a Wi-Fi network or start a hotspot, then try again.</source>
        <translation>Wi-Fi желісі немесе кіру нүктесі табылмады. Wi-Fi желісіне қосылыңыз немесе кіру нүктесін іске қосып, қайта көріңіз.</translation>
    </message>
    <message>
        <source>Sharing could not start: %1</source>
        <translation>Бөлісу басталмады: %1</translation>
    </message>
    <message>
        <source>Not sharing</source>
        <translation>Бөлісу жоқ</translation>
    </message>
    <message>
        <source>Start sharing</source>
        <translation>Бөлісуді бастау</translation>
    </message>
    <message numerus="yes">
        <source>Connected readers: %n</source>
        <translation>
            <numerusform>Қосылған оқырмандар: %n</numerusform>
            <numerusform>Қосылған оқырмандар: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Sections</source>
        <translation>Бөлімдер</translation>
    </message>
    <message>
        <source>Remove from library…</source>
        <translation>Кітапханадан жою…</translation>
    </message>
</context>
<context>
    <name>SidebarModel</name>
    <message>
        <source>All articles</source>
        <translation>Барлық мақалалар</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Оқылмағандар</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>Бетбелгілер</translation>
    </message>
    <message>
        <source>Publishers</source>
        <translation>Баспагерлер</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Тілдер</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Белгілер</translation>
    </message>
    <message>
        <source>Bundles</source>
        <translation>Бумалар</translation>
    </message>
</context>
<context>
    <name>TrustDialog</name>
    <message>
        <source>Compare the fingerprint</source>
        <translation>Саусақ ізін салыстыру</translation>
    </message>
    <message>
        <source>Is this really “%1”?</source>
        <translation>Бұл шынымен «%1» ме?</translation>
    </message>
    <message>
        <source>Ask the publisher for their fingerprint through a channel you already trust: in person, printed in their newspaper, or from a friend who checked it. Then compare all sixteen groups below. If even one group differs, do not trust this key.</source>
        <translation>Баспагердің саусақ ізін өзіңіз сенетін жолмен біліңіз: жеке өзінен, оның басылған газетінен немесе оны тексерген досыңыздан. Содан кейін төмендегі он алты топтың бәрін салыстырыңыз. Тіпті бір топ өзгеше болса да, бұл кілтке сенбеңіз.</translation>
    </message>
    <message>
        <source>Fingerprint: %1</source>
        <translation>Саусақ ізі: %1</translation>
    </message>
    <message>
        <source>They match: trust this publisher</source>
        <translation>Сәйкес келеді: баспагерге сену</translation>
    </message>
    <message>
        <source>Copy fingerprint</source>
        <translation>Саусақ ізін көшіру</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Қазір емес</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <source>Removed “%1”.</source>
        <translation>«%1» жойылды.</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Satchel is already open in another window, or a satchel command is using this library. Close it, then try again.</source>
        <translation>Satchel басқа терезеде ашық немесе бұл кітапхананы satchel командасы пайдаланып жатыр. Оны жауып, қайталап көріңіз.</translation>
    </message>
    <message>
        <source>The disk is full. Nothing was changed. Free some space, then try again.</source>
        <translation>Диск толып қалды. Ештеңе өзгертілмеді. Орын босатып, қайталап көріңіз.</translation>
    </message>
    <message>
        <source>This library was made by a newer version of Satchel. Update Satchel to open it.</source>
        <translation>Бұл кітапхана Satchel-дің жаңарақ нұсқасымен жасалған. Оны ашу үшін Satchel-ді жаңартыңыз.</translation>
    </message>
    <message>
        <source>The library file cannot be read. A copy made before each upgrade is kept in the library&apos;s backups folder.</source>
        <translation>Кітапхана файлын оқу мүмкін емес. Әр жаңартудың алдында жасалған көшірме кітапхананың backups қалтасында сақталады.</translation>
    </message>
    <message>
        <source>Part of this article is missing or damaged in the library. Importing a bundle that carries it again will repair it.</source>
        <translation>Бұл мақаланың бір бөлігі кітапханада жоқ немесе бүлінген. Оны қамтитын буманы қайта импорттасаңыз, түзеледі.</translation>
    </message>
    <message>
        <source>This item is no longer in the library.</source>
        <translation>Бұл енді кітапханада жоқ.</translation>
    </message>
    <message>
        <source>Two different key histories claim to be the same publisher. The library kept the one it had. Compare fingerprints with the publisher through a channel you trust.</source>
        <translation>Екі түрлі кілт тарихы бір баспагермін деп тұр. Кітапхана бұрыннан бар тарихты қалдырды. Саусақ іздерін баспагермен өзіңіз сенетін жолмен салыстырыңыз.</translation>
    </message>
    <message>
        <source>This key card could not be read, or its keys do not check out.</source>
        <translation>Кілт карточкасын оқу мүмкін болмады немесе оның кілттері тексеруден өтпеді.</translation>
    </message>
    <message>
        <source>This copy of the bundle is incomplete: the copy was cut short. Nothing from it was used. Copy the file again, and let the copy finish before you unplug the drive.</source>
        <translation>Бұл буманың көшірмесі толық емес: көшіру үзіліп қалған. Одан ештеңе алынбады. Файлды қайта көшіріңіз және құрылғыны ажыратпас бұрын көшірудің аяқталуын күтіңіз.</translation>
    </message>
    <message>
        <source>This bundle was refused: part of it was changed after it was signed. Nothing from it was used.</source>
        <translation>Бума қабылданбады: оның бір бөлігі қол қойылғаннан кейін өзгертілген. Одан ештеңе алынбады.</translation>
    </message>
    <message>
        <source>This bundle was refused: a signature in it does not check out. Nothing from it was used.</source>
        <translation>Бума қабылданбады: ондағы бір қолтаңба тексеруден өтпеді. Одан ештеңе алынбады.</translation>
    </message>
    <message>
        <source>This bundle was refused: a publisher&apos;s key history in it is broken. Nothing from it was used.</source>
        <translation>Бума қабылданбады: ондағы баспагердің кілт тарихы бұзылған. Одан ештеңе алынбады.</translation>
    </message>
    <message>
        <source>This bundle was refused: it holds something larger than Satchel accepts. Nothing from it was used.</source>
        <translation>Бума қабылданбады: онда Satchel қабылдайтыннан үлкен нәрсе бар. Одан ештеңе алынбады.</translation>
    </message>
    <message>
        <source>This bundle was refused: the file is not built the way a bundle must be. Nothing from it was used.</source>
        <translation>Бума қабылданбады: файл бума болуға тиіс түрде құрылмаған. Одан ештеңе алынбады.</translation>
    </message>
    <message>
        <source>This bundle was refused: it is damaged or not a Satchel bundle. Nothing from it was used.</source>
        <translation>Бума қабылданбады: ол бүлінген немесе Satchel бумасы емес. Одан ештеңе алынбады.</translation>
    </message>
    <message>
        <source>This bundle was refused. Nothing from it was used.</source>
        <translation>Бума қабылданбады. Одан ештеңе алынбады.</translation>
    </message>
    <message>
        <source>The key file could not be opened.</source>
        <translation>Кілт файлын ашу мүмкін болмады.</translation>
    </message>
    <message>
        <source>There is a problem with the library.</source>
        <translation>Кітапханада ақау бар.</translation>
    </message>
    <message>
        <source>Satchel could not finish this.</source>
        <translation>Satchel мұны аяқтай алмады.</translation>
    </message>
    <message>
        <source>Satchel is not allowed to read or write this file or folder.</source>
        <translation>Satchel-ге бұл файлды немесе қалтаны оқуға не жазуға рұқсат жоқ.</translation>
    </message>
    <message>
        <source>A file could not be read or written. If it is on a USB stick or a memory card, check that it is still plugged in.</source>
        <translation>Файлды оқу немесе жазу мүмкін болмады. Егер ол флешкада не жад картасында болса, оның әлі қосулы екенін тексеріңіз.</translation>
    </message>
    <message>
        <source>Something went wrong inside Satchel. Your library is safe.</source>
        <translation>Satchel ішінде қате шықты. Кітапханаңыз аман.</translation>
    </message>
    <message>
        <source>Search cannot be used right now: the search index is damaged or out of date. Rebuilding it from your library fixes this; your articles are safe.</source>
        <translation>Іздеу қазір қолжетімсіз: іздеу индексі бүлінген немесе ескірген. Оны кітапханаңыздан қайта құру мәселені шешеді; мақалаларыңыз аман.</translation>
    </message>
    <message>
        <source>Satchel</source>
        <translation>Satchel</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Толығырақ мәліметті көшіру</translation>
    </message>
</context>
</TS>
