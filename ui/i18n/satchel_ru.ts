<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Open bundle…</source>
        <translation>&amp;Открыть пакет…</translation>
    </message>
    <message>
        <source>Import a &amp;folder of bundles…</source>
        <translation>Импортировать &amp;папку с пакетами…</translation>
    </message>
    <message>
        <source>&amp;Pass on to a drive…</source>
        <translation>&amp;Передать на флешку…</translation>
    </message>
    <message>
        <source>S&amp;hare on this network…</source>
        <translation>&amp;Открыть доступ в этой сети…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Печать…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>Сохранить как P&amp;DF…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Поиск</translation>
    </message>
    <message>
        <source>&amp;Larger text</source>
        <translation>&amp;Крупнее</translation>
    </message>
    <message>
        <source>S&amp;maller text</source>
        <translation>&amp;Мельче</translation>
    </message>
    <message>
        <source>&amp;Normal text size</source>
        <translation>&amp;Обычный размер текста</translation>
    </message>
    <message>
        <source>&amp;Where this came from</source>
        <translation>&amp;Откуда эта статья</translation>
    </message>
    <message>
        <source>Mark as &amp;unread</source>
        <translation>Отметить как &amp;непрочитанное</translation>
    </message>
    <message>
        <source>&amp;Bookmark</source>
        <translation>В &amp;закладки</translation>
    </message>
    <message>
        <source>&amp;Next article</source>
        <translation>&amp;Следующая статья</translation>
    </message>
    <message>
        <source>P&amp;revious article</source>
        <translation>П&amp;редыдущая статья</translation>
    </message>
    <message>
        <source>Go to the &amp;sidebar</source>
        <translation>Перейти к &amp;разделам</translation>
    </message>
    <message>
        <source>Go to the article &amp;list</source>
        <translation>Перейти к &amp;списку статей</translation>
    </message>
    <message>
        <source>Go to the &amp;article</source>
        <translation>Перейти к &amp;статье</translation>
    </message>
    <message>
        <source>&amp;Import this bundle</source>
        <translation>&amp;Импортировать этот пакет</translation>
    </message>
    <message>
        <source>Check &amp;fonts</source>
        <translation>Проверить &amp;шрифты</translation>
    </message>
    <message>
        <source>&amp;About Satchel</source>
        <translation>&amp;О программе Satchel</translation>
    </message>
    <message>
        <source>&amp;Remove from library…</source>
        <translation>&amp;Удалить из библиотеки…</translation>
    </message>
</context>
<context>
    <name>ArticleList</name>
    <message>
        <source>Newest first</source>
        <translation>Сначала новые</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>Сначала старые</translation>
    </message>
    <message>
        <source>By title</source>
        <translation>По заголовку</translation>
    </message>
    <message>
        <source>By publisher</source>
        <translation>По издателю</translation>
    </message>
    <message>
        <source>Order of the articles</source>
        <translation>Порядок статей</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>Статьи</translation>
    </message>
    <message>
        <source>No articles here yet.</source>
        <translation>Здесь пока нет статей.</translation>
    </message>
    <message>
        <source>Open a bundle with File &gt; Open bundle, or drop a .satchel file on this window.</source>
        <translation>Откройте пакет через «Файл &gt; Открыть пакет» или перетащите файл .satchel в это окно.</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n статья</numerusform>
            <numerusform>%n статьи</numerusform>
            <numerusform>%n статей</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <source>Trusted publisher</source>
        <translation>Проверенный издатель</translation>
    </message>
    <message>
        <source>Unverified publisher</source>
        <translation>Непроверенный издатель</translation>
    </message>
    <message>
        <source>Blocked publisher</source>
        <translation>Заблокированный издатель</translation>
    </message>
    <message>
        <source>Publisher key revoked</source>
        <translation>Ключ издателя отозван</translation>
    </message>
    <message>
        <source>Newer version held back</source>
        <translation>Новая версия отложена</translation>
    </message>
    <message>
        <source>Retired key</source>
        <translation>Прежний ключ</translation>
    </message>
    <message>
        <source>A newer version of this article is signed only by a key its publisher has retired or revoked, so it cannot replace this one.</source>
        <translation>Более новая версия этой статьи подписана только ключом, который издатель сменил или отозвал, поэтому она не может заменить эту.</translation>
    </message>
    <message>
        <source>Signed with a key its publisher has since replaced.</source>
        <translation>Подписана ключом, который издатель позже заменил.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Издатель</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>[Retracted] %1</source>
        <translation>[Отозвана] %1</translation>
    </message>
    <message>
        <source>unread</source>
        <translation>не прочитано</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Dismiss this message</source>
        <translation>Скрыть это сообщение</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Pass on to a drive</source>
        <translation>Передать на флешку</translation>
    </message>
    <message>
        <source>What to pass on</source>
        <translation>Что передать</translation>
    </message>
    <message numerus="yes">
        <source>The chosen article(s) (%n)</source>
        <translation>
            <numerusform>Выбранную статью (%n)</numerusform>
            <numerusform>Выбранные статьи (%n)</numerusform>
            <numerusform>Выбранные статьи (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Whole bundles:</source>
        <translation>Пакеты целиком:</translation>
    </message>
    <message>
        <source>Everything in my library</source>
        <translation>Всё, что есть в библиотеке</translation>
    </message>
    <message>
        <source>Bundles to pass on</source>
        <translation>Пакеты для передачи</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n article(s))</source>
        <translation>
            <numerusform>%1 (%n статья)</numerusform>
            <numerusform>%1 (%n статьи)</numerusform>
            <numerusform>%1 (%n статей)</numerusform>
        </translation>
    </message>
    <message>
        <source>No articles</source>
        <translation>Без статей</translation>
    </message>
    <message>
        <source>Share Satchel itself</source>
        <translation>Поделиться самим Satchel</translation>
    </message>
    <message>
        <source>The app and what installs it on Windows, macOS and Linux with no internet (%1). Satchel checks it before and after copying.</source>
        <translation>Программа и всё, чтобы установить её на Windows, macOS и Linux без интернета (%1). Satchel проверит её до и после копирования.</translation>
    </message>
    <message>
        <source>This copy of Satchel was not installed from a release folder, so it cannot pass itself on. A Satchel installed from a drive can.</source>
        <translation>Эта копия Satchel установлена не из папки выпуска, поэтому не может передать саму себя. Satchel, установленный с флешки, может.</translation>
    </message>
    <message>
        <source>Where to</source>
        <translation>Куда</translation>
    </message>
    <message>
        <source>Drive or folder to write to</source>
        <translation>Флешка или папка для записи</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>Выбрать папку…</translation>
    </message>
    <message>
        <source>Each article keeps its publisher&apos;s signature, so whoever receives it can check it just as you did.</source>
        <translation>Каждая статья сохраняет подпись издателя, поэтому получатель сможет проверить её так же, как вы.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Write to the drive</source>
        <translation>Записать</translation>
    </message>
    <message>
        <source>%1 (%2 free)</source>
        <translation>%1 (свободно %2)</translation>
    </message>
    <message>
        <source>Choose where to write</source>
        <translation>Куда записать</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>Запись…</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Ход работы</translation>
    </message>
    <message>
        <source>Do not remove the drive yet.</source>
        <translation>Пока не извлекайте флешку.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Остановить</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Останавливаем…</translation>
    </message>
    <message>
        <source>Writing the articles…</source>
        <translation>Записываем статьи…</translation>
    </message>
    <message>
        <source>Reading everything back to check it…</source>
        <translation>Читаем всё обратно, чтобы проверить…</translation>
    </message>
    <message>
        <source>Copying Satchel itself…</source>
        <translation>Копируем сам Satchel…</translation>
    </message>
    <message>
        <source>Checking Satchel itself…</source>
        <translation>Проверяем сам Satchel…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Safe to remove</source>
        <translation>Можно извлекать</translation>
    </message>
    <message>
        <source>Satchel itself was written to %1 and read back intact. You can remove the drive now.</source>
        <translation>Сам Satchel записан на %1 и прочитан обратно без ошибок. Теперь флешку можно извлечь.</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) were written to %1 and read back intact. You can remove the drive now.</source>
        <translation>
            <numerusform>%n статья записана на %1 и прочитана обратно без ошибок. Теперь флешку можно извлечь.</numerusform>
            <numerusform>%n статьи записаны на %1 и прочитаны обратно без ошибок. Теперь флешку можно извлечь.</numerusform>
            <numerusform>%n статей записано на %1 и прочитано обратно без ошибок. Теперь флешку можно извлечь.</numerusform>
        </translation>
    </message>
    <message>
        <source>Satchel itself is on it too.</source>
        <translation>Сам Satchel тоже там.</translation>
    </message>
    <message>
        <source>To install it, the other person opens the folder “%1” and follows INSTALL.txt (in English, Russian, Kazakh and Persian).</source>
        <translation>Чтобы установить его, другой человек открывает папку «%1» и следует INSTALL.txt (на английском, русском, казахском и персидском).</translation>
    </message>
    <message>
        <source>Do not rely on this copy</source>
        <translation>Не полагайтесь на эту копию</translation>
    </message>
    <message>
        <source>The files on %1 could not be read back correctly. The drive may be failing; try another one.</source>
        <translation>Файлы на %1 не удалось правильно прочитать обратно. Возможно, флешка неисправна; попробуйте другую.</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) did not fit on the drive and were left out.</source>
        <translation>
            <numerusform>%n статья не поместилась на флешку и не записана.</numerusform>
            <numerusform>%n статьи не поместились на флешку и не записаны.</numerusform>
            <numerusform>%n статей не поместились на флешку и не записаны.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Остановлено</translation>
    </message>
    <message>
        <source>Nothing half-written was left on the drive.</source>
        <translation>На флешке не осталось недописанных файлов.</translation>
    </message>
    <message>
        <source>Could not pass these on</source>
        <translation>Не удалось передать</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import stopped</source>
        <translation>Импорт остановлен</translation>
    </message>
    <message>
        <source>No bundles found</source>
        <translation>Пакеты не найдены</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>Ничего не импортировано</translation>
    </message>
    <message>
        <source>Nothing new</source>
        <translation>Ничего нового</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Импорт завершён</translation>
    </message>
    <message numerus="yes">
        <source>%n new article(s) added to your library.</source>
        <translation>
            <numerusform>В библиотеку добавлена %n новая статья.</numerusform>
            <numerusform>В библиотеку добавлены %n новые статьи.</numerusform>
            <numerusform>В библиотеку добавлено %n новых статей.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) updated to a newer version from the publisher.</source>
        <translation>
            <numerusform>%n статья обновлена до новой версии от издателя.</numerusform>
            <numerusform>%n статьи обновлены до новой версии от издателя.</numerusform>
            <numerusform>%n статей обновлено до новой версии от издателя.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) you already had were skipped.</source>
        <translation>
            <numerusform>%n статья уже была у вас и пропущена.</numerusform>
            <numerusform>%n статьи уже были у вас и пропущены.</numerusform>
            <numerusform>%n статей уже были у вас и пропущены.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bundle(s) had been imported before and were skipped.</source>
        <translation>
            <numerusform>%n пакет уже импортировался раньше и пропущен.</numerusform>
            <numerusform>%n пакета уже импортировались раньше и пропущены.</numerusform>
            <numerusform>%n пакетов уже импортировались раньше и пропущены.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) now have two different signed texts with the same version number. Both are kept; look at them with care.</source>
        <translation>
            <numerusform>У %n статьи теперь два разных подписанных текста с одним номером версии. Сохранены оба; читайте их внимательно.</numerusform>
            <numerusform>У %n статей теперь по два разных подписанных текста с одним номером версии. Сохранены оба; читайте их внимательно.</numerusform>
            <numerusform>У %n статей теперь по два разных подписанных текста с одним номером версии. Сохранены оба; читайте их внимательно.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bundle(s) were refused. Nothing from a refused bundle was used; the list below says why.</source>
        <translation>
            <numerusform>%n пакет отклонён. Из отклонённого пакета ничего не взято; причина указана в списке ниже.</numerusform>
            <numerusform>%n пакета отклонены. Из отклонённых пакетов ничего не взято; причины указаны в списке ниже.</numerusform>
            <numerusform>%n пакетов отклонено. Из отклонённых пакетов ничего не взято; причины указаны в списке ниже.</numerusform>
        </translation>
    </message>
    <message>
        <source>You stopped the import. Bundles that were finished before are in your library; the one being read was undone completely.</source>
        <translation>Вы остановили импорт. Пакеты, обработанные до этого, уже в библиотеке; пакет, который читался, отменён полностью.</translation>
    </message>
    <message>
        <source>There were no Satchel bundles (*.satchel files) there.</source>
        <translation>Там не нашлось пакетов Satchel (файлов *.satchel).</translation>
    </message>
    <message>
        <source>Refused: %1
%2
%3</source>
        <translation>Отклонён: %1
%2
%3</translation>
    </message>
    <message>
        <source>Already imported: %1</source>
        <translation>Уже импортирован: %1</translation>
    </message>
    <message>
        <source>Nothing new in %1</source>
        <translation>Ничего нового в %1</translation>
    </message>
    <message numerus="yes">
        <source>%n new article(s)</source>
        <translation>
            <numerusform>%n новая статья</numerusform>
            <numerusform>%n новые статьи</numerusform>
            <numerusform>%n новых статей</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n обновлена</numerusform>
            <numerusform>%n обновлены</numerusform>
            <numerusform>%n обновлено</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Import bundles</source>
        <translation>Импорт пакетов</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Импорт…</translation>
    </message>
    <message>
        <source>Looking for bundles…</source>
        <translation>Ищем пакеты…</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Ход импорта</translation>
    </message>
    <message>
        <source>Every article is checked before anything is saved. You can stop at any time; nothing will be left half-imported.</source>
        <translation>Каждая статья проверяется до сохранения. Остановить можно в любой момент: ничего не останется импортированным наполовину.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Остановить</translation>
    </message>
    <message>
        <source>Stop the import</source>
        <translation>Остановить импорт</translation>
    </message>
    <message>
        <source>What happened to each bundle</source>
        <translation>Что стало с каждым пакетом</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Останавливаем…</translation>
    </message>
    <message>
        <source>Stopping and undoing the bundle under way…</source>
        <translation>Останавливаем и отменяем текущий пакет…</translation>
    </message>
    <message>
        <source>Checking signatures in “%1”…</source>
        <translation>Проверяем подписи в «%1»…</translation>
    </message>
    <message>
        <source>Saving “%1”…</source>
        <translation>Сохраняем «%1»…</translation>
    </message>
    <message>
        <source>Updating search…</source>
        <translation>Обновляем поиск…</translation>
    </message>
    <message>
        <source>(bundle %1 of %2)</source>
        <translation>(пакет %1 из %2)</translation>
    </message>
    <message>
        <source>The import could not finish</source>
        <translation>Импорт не удалось завершить</translation>
    </message>
</context>
<context>
    <name>Importer</name>
    <message>
        <source>Open bundles</source>
        <translation>Открыть пакеты</translation>
    </message>
    <message>
        <source>Satchel bundles (*.satchel)</source>
        <translation>Пакеты Satchel (*.satchel)</translation>
    </message>
    <message>
        <source>Import a folder of bundles</source>
        <translation>Импортировать папку с пакетами</translation>
    </message>
    <message>
        <source>You are looking at “%1” straight from where it is stored. Its signatures check out. Nothing has been added to your library.</source>
        <translation>Вы просматриваете «%1» прямо там, где он хранится. Подписи верны. В библиотеку ничего не добавлено.</translation>
    </message>
    <message>
        <source>Import into my library</source>
        <translation>Импортировать в библиотеку</translation>
    </message>
    <message numerus="yes">
        <source>“%1” is connected and holds %n bundle(s).</source>
        <translation>
            <numerusform>Подключён «%1», на нём %n пакет.</numerusform>
            <numerusform>Подключён «%1», на нём %n пакета.</numerusform>
            <numerusform>Подключён «%1», на нём %n пакетов.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import them</source>
        <translation>Импортировать</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Не сейчас</translation>
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
        <translation>Satchel заблокирован</translation>
    </message>
    <message>
        <source>Type the library&apos;s passphrase to open it.</source>
        <translation>Введите парольную фразу библиотеки, чтобы открыть её.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Парольная фраза</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>Открываем…</translation>
    </message>
    <message>
        <source>That passphrase does not open this library.</source>
        <translation>Эта парольная фраза не открывает библиотеку.</translation>
    </message>
</context>
<context>
    <name>Locking</name>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Заблокировать</translation>
    </message>
    <message>
        <source>Lock Satchel: the passphrase is needed to open the library again (Ctrl+L)</source>
        <translation>Заблокировать Satchel: чтобы снова открыть библиотеку, нужна парольная фраза (Ctrl+L)</translation>
    </message>
    <message>
        <source>Panic: destroy the library and quit</source>
        <translation>Тревога: уничтожить библиотеку и выйти</translation>
    </message>
    <message>
        <source>Protect this library…</source>
        <translation>Защитить эту библиотеку…</translation>
    </message>
    <message>
        <source>Change the passphrase…</source>
        <translation>Сменить парольную фразу…</translation>
    </message>
    <message>
        <source>Duress passphrase…</source>
        <translation>Фраза под принуждением…</translation>
    </message>
    <message>
        <source>Protect this library?</source>
        <translation>Защитить эту библиотеку?</translation>
    </message>
    <message>
        <source>Satchel can encrypt everything it keeps with a passphrase, so that anyone who takes this computer sees only noise. You can also do it later from the File menu.</source>
        <translation>Satchel может зашифровать всё, что хранит, парольной фразой: тот, кто заберёт этот компьютер, увидит только шум. Это можно сделать и позже в меню «Файл».</translation>
    </message>
    <message>
        <source>Protect…</source>
        <translation>Защитить…</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Не сейчас</translation>
    </message>
    <message>
        <source>Encrypting your library…</source>
        <translation>Шифруем библиотеку…</translation>
    </message>
    <message>
        <source>Passphrase changed.</source>
        <translation>Парольная фраза изменена.</translation>
    </message>
    <message>
        <source>Duress passphrase saved.</source>
        <translation>Фраза под принуждением сохранена.</translation>
    </message>
    <message>
        <source>This copy will not be protected</source>
        <translation>Эта копия не будет защищена</translation>
    </message>
    <message>
        <source>Your library is encrypted, but a printout or a PDF file is not: anyone who finds it can read it. Continue?</source>
        <translation>Библиотека зашифрована, но распечатка или PDF-файл — нет: кто их найдёт, сможет прочитать. Продолжить?</translation>
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
        <translation>Основные области</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Article</source>
        <translation>&amp;Статья</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>Opening your library…</source>
        <translation>Открываем библиотеку…</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Заблокировать</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n статья</numerusform>
            <numerusform>%n статьи</numerusform>
            <numerusform>%n статей</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n непрочитанная</numerusform>
            <numerusform>%n непрочитанные</numerusform>
            <numerusform>%n непрочитанных</numerusform>
        </translation>
    </message>
    <message>
        <source>Mark as &amp;unread</source>
        <translation>Отметить как &amp;непрочитанное</translation>
    </message>
    <message>
        <source>Remove &amp;bookmark</source>
        <translation>Убрать из &amp;закладок</translation>
    </message>
    <message>
        <source>&amp;Bookmark</source>
        <translation>В &amp;закладки</translation>
    </message>
    <message>
        <source>Mark as &amp;read</source>
        <translation>Отметить как &amp;прочитанное</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Сохранено: %1</translation>
    </message>
    <message>
        <source>Latin</source>
        <translation>Латиница</translation>
    </message>
    <message>
        <source>Cyrillic</source>
        <translation>Кириллица</translation>
    </message>
    <message>
        <source>Kazakh letters (Ә Ғ Қ Ң Ө Ұ Ү Һ І)</source>
        <translation>Казахские буквы (Ә Ғ Қ Ң Ө Ұ Ү Һ І)</translation>
    </message>
    <message>
        <source>Arabic script (Persian, Arabic)</source>
        <translation>Арабское письмо (персидский, арабский)</translation>
    </message>
    <message>
        <source>Letters without a font show as empty boxes. Install a font such as Noto Sans to fix this.</source>
        <translation>Буквы без шрифта выглядят как пустые квадратики. Чтобы это исправить, установите шрифт, например Noto Sans.</translation>
    </message>
    <message>
        <source>Fonts</source>
        <translation>Шрифты</translation>
    </message>
    <message>
        <source>About Satchel</source>
        <translation>О программе Satchel</translation>
    </message>
    <message>
        <source>Satchel keeps news readable when the internet is cut off. Every article is signed by its publisher and checked on this computer; nothing here ever goes online.</source>
        <translation>Satchel помогает читать новости, когда интернет отключён. Каждая статья подписана издателем и проверена на этом компьютере; программа никогда не выходит в сеть.</translation>
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
        <translation>Открываем библиотеку…</translation>
    </message>
    <message>
        <source>The library could not be opened.</source>
        <translation>Не удалось открыть библиотеку.</translation>
    </message>
    <message>
        <source>Checking “%1”…</source>
        <translation>Проверяем «%1»…</translation>
    </message>
    <message>
        <source>This bundle could not be opened.</source>
        <translation>Не удалось открыть этот пакет.</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Current passphrase</source>
        <translation>Текущая парольная фраза</translation>
    </message>
    <message>
        <source>Duress passphrase</source>
        <translation>Фраза под принуждением</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Новая парольная фраза</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>Повторите её</translation>
    </message>
    <message>
        <source>Lock after this many idle minutes</source>
        <translation>Блокировать после стольких минут бездействия</translation>
    </message>
    <message>
        <source>Protect this library</source>
        <translation>Защитить эту библиотеку</translation>
    </message>
    <message>
        <source>Everything Satchel keeps (articles, titles, publishers, the search index) will be encrypted with this passphrase. Anyone who takes this computer sees only noise.

If you forget the passphrase, nobody can open the library again, not even you. A few words you will remember are best.</source>
        <translation>Всё, что хранит Satchel (статьи, заголовки, издатели, поисковый индекс), будет зашифровано этой парольной фразой. Тот, кто заберёт компьютер, увидит только шум.

Если вы забудете парольную фразу, никто не сможет открыть библиотеку, даже вы. Лучше всего несколько слов, которые вы запомните.</translation>
    </message>
    <message>
        <source>Protect</source>
        <translation>Защитить</translation>
    </message>
    <message>
        <source>Change the passphrase</source>
        <translation>Сменить парольную фразу</translation>
    </message>
    <message>
        <source>The library stays as it is; only the passphrase that opens it changes.</source>
        <translation>Библиотека остаётся как есть; меняется только парольная фраза, которая её открывает.</translation>
    </message>
    <message>
        <source>If someone forces you to open Satchel, type this passphrase instead of the real one: your library is destroyed at once, silently, and Satchel opens with only the welcome articles. Leave it empty to remove it.</source>
        <translation>Если вас заставят открыть Satchel, введите эту фразу вместо настоящей: библиотека будет тихо уничтожена, и Satchel откроется только с приветственными статьями. Оставьте поле пустым, чтобы убрать её.</translation>
    </message>
    <message>
        <source>Type the current passphrase.</source>
        <translation>Введите текущую парольную фразу.</translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n characters (a few words are easy to remember).</source>
        <translation>
            <numerusform>Используйте не меньше %n символа (несколько слов легко запомнить).</numerusform>
            <numerusform>Используйте не меньше %n символов (несколько слов легко запомнить).</numerusform>
            <numerusform>Используйте не меньше %n символов (несколько слов легко запомнить).</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Две парольные фразы различаются.</translation>
    </message>
    <message>
        <source>The duress passphrase must differ from the real one.</source>
        <translation>Фраза под принуждением должна отличаться от настоящей.</translation>
    </message>
    <message>
        <source>The current passphrase is wrong.</source>
        <translation>Текущая парольная фраза неверна.</translation>
    </message>
</context>
<context>
    <name>ProvenancePanel</name>
    <message>
        <source>Where this came from</source>
        <translation>Откуда эта статья</translation>
    </message>
    <message>
        <source>Fingerprint: %1</source>
        <translation>Отпечаток: %1</translation>
    </message>
    <message>
        <source>Trusted: you compared this publisher&apos;s fingerprint.</source>
        <translation>Проверен: вы сверили отпечаток этого издателя.</translation>
    </message>
    <message>
        <source>Unverified: the signature is valid, but you have not compared the fingerprint yet.</source>
        <translation>Не проверен: подпись верна, но вы ещё не сверили отпечаток.</translation>
    </message>
    <message>
        <source>Blocked: you chose to hide this publisher&apos;s articles.</source>
        <translation>Заблокирован: вы решили скрывать статьи этого издателя.</translation>
    </message>
    <message>
        <source>Revoked: the publisher has ended this key. Articles signed before still verify.</source>
        <translation>Отозван: издатель прекратил использовать этот ключ. Статьи, подписанные раньше, по-прежнему проходят проверку.</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Опубликована</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>Исправлена</translation>
    </message>
    <message>
        <source>Retracted by the publisher</source>
        <translation>Отозвана издателем</translation>
    </message>
    <message>
        <source>Open an article to see who wrote it and how Satchel checked it.</source>
        <translation>Откройте статью, чтобы увидеть, кто её написал и как Satchel её проверил.</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Издатель</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Отпечаток</translation>
    </message>
    <message>
        <source>This bundle has not been imported. Import it to keep its articles and to decide whether to trust this publisher.</source>
        <translation>Этот пакет не импортирован. Импортируйте его, чтобы сохранить статьи и решить, доверять ли издателю.</translation>
    </message>
    <message>
        <source>Import this bundle</source>
        <translation>Импортировать этот пакет</translation>
    </message>
    <message>
        <source>This version</source>
        <translation>Эта версия</translation>
    </message>
    <message>
        <source>Version %1 · %2</source>
        <translation>Версия %1 · %2</translation>
    </message>
    <message>
        <source>Signed %1 (the publisher&apos;s clock)</source>
        <translation>Подписана %1 (по часам издателя)</translation>
    </message>
    <message>
        <source>Signed with a key the publisher has since replaced. The signature is still valid.</source>
        <translation>Подписана ключом, который издатель позже заменил. Подпись по-прежнему верна.</translation>
    </message>
    <message>
        <source>Conflict: another text with the same version number is also signed by this publisher. Neither is shown as the current one.</source>
        <translation>Конфликт: этот издатель подписал и другой текст с тем же номером версии. Ни один из них не считается текущим.</translation>
    </message>
    <message>
        <source>Held back: this version is kept, but it may not replace the one you had. It is signed only by a key the publisher has retired, or it arrived after they revoked their keys.</source>
        <translation>Отложена: эта версия сохранена, но не может заменить ту, что была у вас. Она подписана только ключом, который издатель сменил, или пришла после того, как издатель отозвал свои ключи.</translation>
    </message>
    <message>
        <source>Version %1 arrived after the publisher revoked their keys. It cannot replace this one.</source>
        <translation>Версия %1 пришла после того, как издатель отозвал свои ключи. Она не может заменить эту.</translation>
    </message>
    <message>
        <source>Version %1 is signed only by a key the publisher has retired. It cannot replace this one.</source>
        <translation>Версия %1 подписана только ключом, который издатель сменил. Она не может заменить эту.</translation>
    </message>
    <message>
        <source>Versions held</source>
        <translation>Сохранённые версии</translation>
    </message>
    <message>
        <source>Version %1 (current) · %2</source>
        <translation>Версия %1 (текущая) · %2</translation>
    </message>
    <message>
        <source>Version %1 · %2 · held back</source>
        <translation>Версия %1 · %2 · отложена</translation>
    </message>
    <message>
        <source>How it reached you</source>
        <translation>Как статья к вам попала</translation>
    </message>
    <message>
        <source>Packed by %1</source>
        <translation>Упаковал: %1</translation>
    </message>
    <message>
        <source>(the publisher itself)</source>
        <translation>(сам издатель)</translation>
    </message>
    <message>
        <source>The bundle was not signed by whoever packed it. That is allowed: each article carries its own signature.</source>
        <translation>Тот, кто упаковал пакет, его не подписал. Это допустимо: у каждой статьи своя подпись.</translation>
    </message>
    <message>
        <source>In: %1</source>
        <translation>В пакете: %1</translation>
    </message>
    <message>
        <source>First seen on this computer: %1</source>
        <translation>Впервые появилась на этом компьютере: %1</translation>
    </message>
    <message>
        <source>Revocation</source>
        <translation>Отзыв ключа</translation>
    </message>
    <message>
        <source>The publisher has revoked this key chain. No new articles should be signed with it; if you see newer ones, be careful.</source>
        <translation>Издатель отозвал эту цепочку ключей. Новых статей с этой подписью быть не должно; если увидите такие, будьте осторожны.</translation>
    </message>
    <message>
        <source>Key history conflict</source>
        <translation>Конфликт истории ключей</translation>
    </message>
    <message>
        <source>Satchel set aside the key history it held for this publisher: it does not pass today&apos;s checks (step %1).</source>
        <translation>Satchel отложил историю ключей этого издателя, которая у него была: она не проходит нынешние проверки (шаг %1).</translation>
    </message>
    <message>
        <source>%1 brought another key history for this publisher (differing from step %2), first on %3. Satchel kept the one it had and refused the other.</source>
        <translation>%1 принёс другую историю ключей этого издателя (она расходится с шага %2), впервые %3. Satchel сохранил ту, что у него была, и отклонил другую.</translation>
    </message>
    <message>
        <source>Seen %1 times.</source>
        <translation>Встречалось раз: %1.</translation>
    </message>
    <message>
        <source>Keys Satchel kept:</source>
        <translation>Ключи, которые сохранил Satchel:</translation>
    </message>
    <message>
        <source>Keys of the other history:</source>
        <translation>Ключи другой истории:</translation>
    </message>
    <message>
        <source>Start this publisher over…</source>
        <translation>Начать этого издателя заново…</translation>
    </message>
    <message>
        <source>The bundle “%1”</source>
        <translation>Пакет «%1»</translation>
    </message>
    <message>
        <source>The key card “%1”</source>
        <translation>Карточка ключа «%1»</translation>
    </message>
    <message>
        <source>Stop trusting</source>
        <translation>Больше не доверять</translation>
    </message>
    <message>
        <source>Unblock</source>
        <translation>Разблокировать</translation>
    </message>
    <message>
        <source>Compare fingerprint and trust…</source>
        <translation>Сверить отпечаток и доверять…</translation>
    </message>
    <message>
        <source>Block this publisher…</source>
        <translation>Заблокировать издателя…</translation>
    </message>
    <message>
        <source>Started “%1” over: %2 article(s) are hidden until their key history arrives again, in a bundle or a key card.</source>
        <translation>Издатель «%1» начат заново. Скрыто статей: %2 — до тех пор, пока история его ключей не придёт снова, в пакете или в карточке ключа.</translation>
    </message>
    <message>
        <source>Block this publisher?</source>
        <translation>Заблокировать издателя?</translation>
    </message>
    <message>
        <source>Hide every article from “%1”? You can unblock them later from this panel.</source>
        <translation>Скрыть все статьи издателя «%1»? Разблокировать его можно позже на этой панели.</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>Заблокировать</translation>
    </message>
</context>
<context>
    <name>ReadingPane</name>
    <message>
        <source>Article text</source>
        <translation>Текст статьи</translation>
    </message>
    <message>
        <source>Choose an article to read it here.</source>
        <translation>Выберите статью, чтобы прочитать её здесь.</translation>
    </message>
    <message>
        <source>Retracted. The publisher has withdrawn this article. It is kept here so you can see what was withdrawn.</source>
        <translation>Отозвана. Издатель снял эту статью. Она сохранена, чтобы вы видели, что именно было снято.</translation>
    </message>
    <message>
        <source>Two different texts of this article carry the same version number, both signed by the publisher. Satchel cannot tell which is right; the details panel lists both.</source>
        <translation>У этой статьи два разных текста с одним номером версии, и оба подписаны издателем. Satchel не может определить, какой верный; оба перечислены на панели подробностей.</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Подробнее</translation>
    </message>
    <message>
        <source>Corrected. This is version %1 of the article.</source>
        <translation>Исправлена. Это версия %1 статьи.</translation>
    </message>
    <message>
        <source>Another key history also claims to be “%1”. Satchel kept the one it had; ask the publisher which key they sign with now.</source>
        <translation>Другая история ключей тоже называет себя «%1». Satchel сохранил ту, что у него была; спросите издателя, каким ключом он подписывает сейчас.</translation>
    </message>
    <message>
        <source>Unverified publisher. The article is intact and signed by “%1”, but you have not compared their fingerprint yet.</source>
        <translation>Непроверенный издатель. Статья не изменена и подписана «%1», но вы ещё не сверили отпечаток издателя.</translation>
    </message>
    <message>
        <source>Compare fingerprint…</source>
        <translation>Сверить отпечаток…</translation>
    </message>
    <message>
        <source>“%1” has ended (revoked) this key. The article is intact, but nothing new should be signed with this key.</source>
        <translation>«%1» отозвал этот ключ. Статья не изменена, но новых подписей этим ключом быть не должно.</translation>
    </message>
    <message>
        <source>Signed with a key that “%1” has since replaced. The signature is still valid.</source>
        <translation>Подписана ключом, который «%1» позже заменил. Подпись по-прежнему верна.</translation>
    </message>
    <message>
        <source>A newer version (%1) of this article arrived after “%2” revoked their keys, so it cannot replace the version you have. The details panel lists it.</source>
        <translation>Более новая версия (%1) этой статьи пришла после того, как «%2» отозвал свои ключи, поэтому она не может заменить вашу версию. Она указана на панели подробностей.</translation>
    </message>
    <message>
        <source>A newer version (%1) of this article is signed only by a key “%2” has retired, so it cannot replace the version you have. The details panel lists it.</source>
        <translation>Более новая версия (%1) этой статьи подписана только ключом, который «%2» сменил, поэтому она не может заменить вашу версию. Она указана на панели подробностей.</translation>
    </message>
    <message>
        <source>Cyrillic</source>
        <translation>Кириллица</translation>
    </message>
    <message>
        <source>Kazakh (Cyrillic with Ә Ғ Қ Ң Ө Ұ Ү Һ І)</source>
        <translation>казахские (кириллица с Ә Ғ Қ Ң Ө Ұ Ү Һ І)</translation>
    </message>
    <message>
        <source>Arabic script (Persian, Arabic)</source>
        <translation>Арабское письмо (персидский, арабский)</translation>
    </message>
    <message>
        <source>No font on this computer can show %1 letters, so some of this article may appear as empty boxes. The article itself is not damaged. Installing a font such as Noto Sans fixes this.</source>
        <translation>На этом компьютере нет шрифта, который показывает буквы: %1. Поэтому часть статьи может выглядеть как пустые квадратики. Сама статья не повреждена. Это исправит установка шрифта, например Noto Sans.</translation>
    </message>
    <message>
        <source>Print article</source>
        <translation>Печать статьи</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Сохранить как PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Файлы PDF (*.pdf)</translation>
    </message>
    <message>
        <source>image not shown: too large</source>
        <translation>изображение не показано: слишком большое</translation>
    </message>
</context>
<context>
    <name>ReleaseNotice</name>
    <message>
        <source>The copy of Satchel in “%1” failed its check: do not install it. It is not what the Satchel project signed. %2</source>
        <translation>Копия Satchel в «%1» не прошла проверку: не устанавливайте её. Это не то, что подписал проект Satchel. %2</translation>
    </message>
    <message>
        <source>“%1” holds Satchel %2, newer than yours (%3), and its signature checks out. To install it, open the folder and follow INSTALL.txt. First compare its release fingerprint with one from someone you trust: %4</source>
        <translation>В «%1» лежит Satchel %2 — новее вашего (%3), и его подпись верна. Чтобы установить, откройте папку и следуйте INSTALL.txt. Сначала сравните отпечаток выпуска с тем, что получили от того, кому доверяете: %4</translation>
    </message>
    <message>
        <source>“%1” holds Satchel %2, the version you have (%3). Its signature checks out: you can pass it on as it is.</source>
        <translation>В «%1» лежит Satchel %2 — та же версия, что у вас (%3). Его подпись верна: его можно передавать дальше как есть.</translation>
    </message>
    <message>
        <source>“%1” holds Satchel %2, older than yours (%3): it is not an update. Keep the one you have.</source>
        <translation>В «%1» лежит Satchel %2 — старше вашего (%3): это не обновление. Оставьте свой.</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>Открыть папку</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Не сейчас</translation>
    </message>
</context>
<context>
    <name>RemoveDialog</name>
    <message>
        <source>Remove from library</source>
        <translation>Удаление из библиотеки</translation>
    </message>
    <message>
        <source>Remove the bundle “%1” from this library?</source>
        <translation>Удалить пакет «%1» из этой библиотеки?</translation>
    </message>
    <message>
        <source>Remove everything from “%1” from this library?</source>
        <translation>Удалить из этой библиотеки всё от «%1»?</translation>
    </message>
    <message>
        <source>Articles deleted: %1</source>
        <translation>Будет удалено статей: %1</translation>
    </message>
    <message>
        <source>Articles that keep another version: %1</source>
        <translation>Статей, у которых останется другая версия: %1</translation>
    </message>
    <message>
        <source>Versions that stay, because another bundle brought them too: %1</source>
        <translation>Версий, которые останутся, потому что их принёс и другой пакет: %1</translation>
    </message>
    <message>
        <source>Space freed: %1</source>
        <translation>Освободится места: %1</translation>
    </message>
    <message>
        <source>Importing the bundle file again brings them back.</source>
        <translation>Если снова импортировать файл пакета, они вернутся.</translation>
    </message>
    <message>
        <source>Their fingerprint stays known. Importing their bundles again brings the articles back, unless you block them.</source>
        <translation>Отпечаток издателя останется известен. Если снова импортировать его пакеты, статьи вернутся, если только вы его не заблокируете.</translation>
    </message>
    <message>
        <source>Also block “%1”, so nothing from them is shown again</source>
        <translation>Также заблокировать «%1», чтобы больше ничего от него не показывать</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
</context>
<context>
    <name>ResetDialog</name>
    <message>
        <source>Start this publisher over?</source>
        <translation>Начать этого издателя заново?</translation>
    </message>
    <message>
        <source>Two key histories claim to be “%1”</source>
        <translation>Две истории ключей называют себя «%1»</translation>
    </message>
    <message>
        <source>Both histories start from the same publisher fingerprint, so compare the keys below instead. Ask the publisher which key they sign with now, through a channel you already trust: in person, printed in their newspaper, or from a friend who checked it. Compare all sixteen groups.</source>
        <translation>Обе истории начинаются с одного и того же отпечатка издателя, поэтому сверяйте ключи ниже. Спросите издателя, каким ключом он подписывает сейчас, по каналу, которому вы уже доверяете: лично, в его газете или через друга, который это проверил. Сверьте все шестнадцать групп.</translation>
    </message>
    <message>
        <source>The key Satchel kept:</source>
        <translation>Ключ, который сохранил Satchel:</translation>
    </message>
    <message>
        <source>The key of the other history:</source>
        <translation>Ключ другой истории:</translation>
    </message>
    <message>
        <source>(no key: a revocation)</source>
        <translation>(ключа нет: отзыв)</translation>
    </message>
    <message>
        <source>Fingerprint: %1</source>
        <translation>Отпечаток: %1</translation>
    </message>
    <message>
        <source>Only if the other key is theirs: starting over forgets the key history Satchel holds for this publisher and your trust decision. Their articles are kept but hidden until a key history arrives again (import a bundle from them, or their key card); then the articles their keys signed come back, and the others stay hidden.</source>
        <translation>Только если другой ключ принадлежит издателю: начало заново стирает историю ключей этого издателя, которая есть у Satchel, и ваше решение о доверии. Его статьи сохраняются, но скрыты, пока история ключей не придёт снова (импортируйте пакет от него или его карточку ключа); тогда статьи, подписанные его ключами, вернутся, а остальные останутся скрытыми.</translation>
    </message>
    <message>
        <source>The other key is theirs: start over</source>
        <translation>Другой ключ — его: начать заново</translation>
    </message>
    <message>
        <source>Keep things as they are</source>
        <translation>Оставить как есть</translation>
    </message>
</context>
<context>
    <name>Search</name>
    <message>
        <source>Rebuild the search index</source>
        <translation>Перестроить поисковый индекс</translation>
    </message>
    <message>
        <source>Rebuilding the search index…</source>
        <translation>Поисковый индекс перестраивается…</translation>
    </message>
    <message>
        <source>The search index was rebuilt.</source>
        <translation>Поисковый индекс перестроен.</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <source>Search all articles (Ctrl+K)</source>
        <translation>Поиск по всем статьям (Ctrl+K)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Поиск</translation>
    </message>
    <message>
        <source>Results appear as you type. Enter opens the first result.</source>
        <translation>Результаты появляются по мере ввода. Enter открывает первый результат.</translation>
    </message>
    <message>
        <source>Filter by publisher</source>
        <translation>Фильтр по издателю</translation>
    </message>
    <message>
        <source>Filter by language</source>
        <translation>Фильтр по языку</translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation>Фильтр по метке</translation>
    </message>
    <message>
        <source>Filter by date</source>
        <translation>Фильтр по дате</translation>
    </message>
    <message>
        <source>Any publisher</source>
        <translation>Любой издатель</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>Любой язык</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>Любая метка</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>За всё время</translation>
    </message>
    <message>
        <source>Past week</source>
        <translation>За неделю</translation>
    </message>
    <message>
        <source>Past month</source>
        <translation>За месяц</translation>
    </message>
    <message>
        <source>Past year</source>
        <translation>За год</translation>
    </message>
</context>
<context>
    <name>SearchResultsPanel</name>
    <message>
        <source>Search results</source>
        <translation>Результаты поиска</translation>
    </message>
    <message>
        <source>Search summary</source>
        <translation>Итог поиска</translation>
    </message>
    <message>
        <source>Searching for “%1”…</source>
        <translation>Ищем «%1»…</translation>
    </message>
    <message>
        <source>This search cannot be run as typed: %1</source>
        <translation>Такой запрос выполнить нельзя: %1</translation>
    </message>
    <message>
        <source>Nothing found for “%1”.</source>
        <translation>По запросу «%1» ничего не найдено.</translation>
    </message>
    <message>
        <source>Try removing a filter.</source>
        <translation>Попробуйте убрать фильтр.</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n результат</numerusform>
            <numerusform>%n результата</numerusform>
            <numerusform>%n результатов</numerusform>
        </translation>
    </message>
    <message>
        <source>(the best %1 are shown)</source>
        <translation>(показаны лучшие %1)</translation>
    </message>
    <message>
        <source>Did you mean %1?</source>
        <translation>Может быть, вы имели в виду %1?</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Same as the computer</source>
        <translation>Как на компьютере</translation>
    </message>
    <message>
        <source>Language of the menus and buttons</source>
        <translation>Язык меню и кнопок</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Светлая</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Оформление</translation>
    </message>
    <message>
        <source>&amp;Colours:</source>
        <translation>&amp;Оформление:</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> пт</translation>
    </message>
    <message>
        <source>Text size of articles</source>
        <translation>Размер текста статей</translation>
    </message>
    <message>
        <source>&amp;Text size:</source>
        <translation>&amp;Размер текста:</translation>
    </message>
    <message>
        <source>Tell me when a USB stick or memory card with bundles is connected</source>
        <translation>Сообщать, когда подключена флешка или карта памяти с пакетами</translation>
    </message>
    <message>
        <source>Satchel never connects to the internet. These settings are kept in your library folder.</source>
        <translation>Satchel никогда не подключается к интернету. Эти настройки хранятся в папке библиотеки.</translation>
    </message>
</context>
<context>
    <name>ShareDialog</name>
    <message>
        <source>Share on this network</source>
        <translation>Открыть доступ в этой сети</translation>
    </message>
    <message>
        <source>Let phones read this library</source>
        <translation>Пусть телефоны читают эту библиотеку</translation>
    </message>
    <message>
        <source>Phones on the same Wi-Fi or hotspot open the address below in a browser, or scan the code. They see only verified articles, with who signed each one; nothing they read or search is recorded. Sharing stops when you close this window.</source>
        <translation>Телефоны в той же сети Wi-Fi или точке доступа открывают адрес ниже в браузере или сканируют код. Они видят только проверенные статьи и кто подписал каждую; что они читают и ищут, не записывается. Доступ закрывается, когда вы закрываете это окно.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Запуск…</translation>
    </message>
    <message>
        <source>Stop sharing</source>
        <translation>Закрыть доступ</translation>
    </message>
    <message>
        <source>Sharing until you stop it or close this window.</source>
        <translation>Доступ открыт, пока вы его не закроете или не закроете это окно.</translation>
    </message>
    <message>
        <source>No Wi-Fi network or hotspot found. Join a Wi-Fi network or start a hotspot, then try again.</source>
        <translation>Сеть Wi-Fi или точка доступа не найдены. Подключитесь к Wi-Fi или включите точку доступа и попробуйте снова.</translation>
    </message>
    <message>
        <source>Sharing could not start: %1</source>
        <translation>Не удалось открыть доступ: %1</translation>
    </message>
    <message>
        <source>Not sharing</source>
        <translation>Доступ закрыт</translation>
    </message>
    <message>
        <source>Start sharing</source>
        <translation>Открыть доступ</translation>
    </message>
    <message numerus="yes">
        <source>Connected readers: %n</source>
        <translation>
            <numerusform>Подключён %n читатель</numerusform>
            <numerusform>Подключены %n читателя</numerusform>
            <numerusform>Подключено %n читателей</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Sections</source>
        <translation>Разделы</translation>
    </message>
    <message>
        <source>Remove from library…</source>
        <translation>Удалить из библиотеки…</translation>
    </message>
</context>
<context>
    <name>SidebarModel</name>
    <message>
        <source>All articles</source>
        <translation>Все статьи</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Непрочитанные</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>Закладки</translation>
    </message>
    <message>
        <source>Publishers</source>
        <translation>Издатели</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Языки</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Метки</translation>
    </message>
    <message>
        <source>Bundles</source>
        <translation>Пакеты</translation>
    </message>
</context>
<context>
    <name>TrustDialog</name>
    <message>
        <source>Compare the fingerprint</source>
        <translation>Сверка отпечатка</translation>
    </message>
    <message>
        <source>Is this really “%1”?</source>
        <translation>Это действительно «%1»?</translation>
    </message>
    <message>
        <source>Ask the publisher for their fingerprint through a channel you already trust: in person, printed in their newspaper, or from a friend who checked it. Then compare all sixteen groups below. If even one group differs, do not trust this key.</source>
        <translation>Узнайте отпечаток издателя по каналу, которому вы уже доверяете: лично, из его печатной газеты или от друга, который его проверил. Затем сверьте все шестнадцать групп ниже. Если отличается хотя бы одна группа, не доверяйте этому ключу.</translation>
    </message>
    <message>
        <source>Fingerprint: %1</source>
        <translation>Отпечаток: %1</translation>
    </message>
    <message>
        <source>They match: trust this publisher</source>
        <translation>Совпадает: доверять издателю</translation>
    </message>
    <message>
        <source>Copy fingerprint</source>
        <translation>Скопировать отпечаток</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Не сейчас</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <source>Removed “%1”.</source>
        <translation>Удалено: «%1».</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Satchel is already open in another window, or a satchel command is using this library. Close it, then try again.</source>
        <translation>Satchel уже открыт в другом окне, или эту библиотеку использует команда satchel. Закройте их и попробуйте снова.</translation>
    </message>
    <message>
        <source>The disk is full. Nothing was changed. Free some space, then try again.</source>
        <translation>Диск заполнен. Ничего не изменено. Освободите место и попробуйте снова.</translation>
    </message>
    <message>
        <source>This library was made by a newer version of Satchel. Update Satchel to open it.</source>
        <translation>Эта библиотека создана более новой версией Satchel. Обновите Satchel, чтобы её открыть.</translation>
    </message>
    <message>
        <source>The library file cannot be read. A copy made before each upgrade is kept in the library&apos;s backups folder.</source>
        <translation>Файл библиотеки не читается. Копия, сделанная перед каждым обновлением, хранится в папке backups библиотеки.</translation>
    </message>
    <message>
        <source>Part of this article is missing or damaged in the library. Importing a bundle that carries it again will repair it.</source>
        <translation>Часть этой статьи отсутствует или повреждена в библиотеке. Повторный импорт пакета с этой статьёй всё исправит.</translation>
    </message>
    <message>
        <source>This item is no longer in the library.</source>
        <translation>Этого больше нет в библиотеке.</translation>
    </message>
    <message>
        <source>Two different key histories claim to be the same publisher. The library kept the one it had. Compare fingerprints with the publisher through a channel you trust.</source>
        <translation>Две разные истории ключей выдают себя за одного издателя. Библиотека оставила ту, что уже была. Сверьте отпечатки с издателем по каналу, которому доверяете.</translation>
    </message>
    <message>
        <source>This key card could not be read, or its keys do not check out.</source>
        <translation>Карточку ключа не удалось прочитать, или её ключи не прошли проверку.</translation>
    </message>
    <message>
        <source>This copy of the bundle is incomplete: the copy was cut short. Nothing from it was used. Copy the file again, and let the copy finish before you unplug the drive.</source>
        <translation>Эта копия пакета неполная: копирование прервалось. Из неё ничего не использовано. Скопируйте файл ещё раз и дождитесь конца копирования, прежде чем отключать накопитель.</translation>
    </message>
    <message>
        <source>This bundle was refused: part of it was changed after it was signed. Nothing from it was used.</source>
        <translation>Пакет отклонён: часть его изменили после подписания. Из него ничего не взято.</translation>
    </message>
    <message>
        <source>This bundle was refused: a signature in it does not check out. Nothing from it was used.</source>
        <translation>Пакет отклонён: одна из подписей в нём не прошла проверку. Из него ничего не взято.</translation>
    </message>
    <message>
        <source>This bundle was refused: a publisher&apos;s key history in it is broken. Nothing from it was used.</source>
        <translation>Пакет отклонён: история ключей издателя в нём нарушена. Из него ничего не взято.</translation>
    </message>
    <message>
        <source>This bundle was refused: it holds something larger than Satchel accepts. Nothing from it was used.</source>
        <translation>Пакет отклонён: в нём есть что-то больше допустимого размера. Из него ничего не взято.</translation>
    </message>
    <message>
        <source>This bundle was refused: the file is not built the way a bundle must be. Nothing from it was used.</source>
        <translation>Пакет отклонён: файл устроен не так, как должен быть устроен пакет. Из него ничего не взято.</translation>
    </message>
    <message>
        <source>This bundle was refused: it is damaged or not a Satchel bundle. Nothing from it was used.</source>
        <translation>Пакет отклонён: он повреждён или это не пакет Satchel. Из него ничего не взято.</translation>
    </message>
    <message>
        <source>This bundle was refused. Nothing from it was used.</source>
        <translation>Пакет отклонён. Из него ничего не взято.</translation>
    </message>
    <message>
        <source>The key file could not be opened.</source>
        <translation>Не удалось открыть файл ключа.</translation>
    </message>
    <message>
        <source>There is a problem with the library.</source>
        <translation>С библиотекой что-то не так.</translation>
    </message>
    <message>
        <source>Satchel could not finish this.</source>
        <translation>Satchel не удалось это завершить.</translation>
    </message>
    <message>
        <source>Satchel is not allowed to read or write this file or folder.</source>
        <translation>У Satchel нет права читать или записывать этот файл или папку.</translation>
    </message>
    <message>
        <source>A file could not be read or written. If it is on a USB stick or a memory card, check that it is still plugged in.</source>
        <translation>Не удалось прочитать или записать файл. Если он на флешке или карте памяти, проверьте, что она всё ещё подключена.</translation>
    </message>
    <message>
        <source>Something went wrong inside Satchel. Your library is safe.</source>
        <translation>Внутри Satchel произошла ошибка. Ваша библиотека в безопасности.</translation>
    </message>
    <message>
        <source>Search cannot be used right now: the search index is damaged or out of date. Rebuilding it from your library fixes this; your articles are safe.</source>
        <translation>Поиск сейчас недоступен: поисковый индекс повреждён или устарел. Его перестройка из вашей библиотеки это исправит; ваши статьи в сохранности.</translation>
    </message>
    <message>
        <source>Satchel</source>
        <translation>Satchel</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Скопировать подробности</translation>
    </message>
</context>
</TS>
