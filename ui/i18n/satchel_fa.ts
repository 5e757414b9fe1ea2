<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fa" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Open bundle…</source>
        <translation>&amp;باز کردن بسته…</translation>
    </message>
    <message>
        <source>Import a &amp;folder of bundles…</source>
        <translation>افزودن &amp;پوشه‌ای از بسته‌ها…</translation>
    </message>
    <message>
        <source>&amp;Pass on to a drive…</source>
        <translation>&amp;رساندن به فلش…</translation>
    </message>
    <message>
        <source>S&amp;hare on this network…</source>
        <translation>&amp;هم‌رسانی در این شبکه…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;چاپ…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>ذخیره به صورت P&amp;DF…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;تنظیمات…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;جستجو</translation>
    </message>
    <message>
        <source>&amp;Larger text</source>
        <translation>متن &amp;بزرگ‌تر</translation>
    </message>
    <message>
        <source>S&amp;maller text</source>
        <translation>متن &amp;کوچک‌تر</translation>
    </message>
    <message>
        <source>&amp;Normal text size</source>
        <translation>اندازهٔ &amp;معمولی متن</translation>
    </message>
    <message>
        <source>&amp;Where this came from</source>
        <translation>این &amp;از کجا آمده</translation>
    </message>
    <message>
        <source>Mark as &amp;unread</source>
        <translation>علامت‌گذاری به عنوان &amp;خوانده‌نشده</translation>
    </message>
    <message>
        <source>&amp;Bookmark</source>
        <translation>&amp;نشانک</translation>
    </message>
    <message>
        <source>&amp;Next article</source>
        <translation>مقالهٔ &amp;بعدی</translation>
    </message>
    <message>
        <source>P&amp;revious article</source>
        <translation>مقالهٔ &amp;قبلی</translation>
    </message>
    <message>
        <source>Go to the &amp;sidebar</source>
        <translation>رفتن به &amp;بخش‌ها</translation>
    </message>
    <message>
        <source>Go to the article &amp;list</source>
        <translation>رفتن به &amp;فهرست مقاله‌ها</translation>
    </message>
    <message>
        <source>Go to the &amp;article</source>
        <translation>رفتن به &amp;مقاله</translation>
    </message>
    <message>
        <source>&amp;Import this bundle</source>
        <translation>&amp;افزودن این بسته</translation>
    </message>
    <message>
        <source>Check &amp;fonts</source>
        <translation>بررسی &amp;قلم‌ها</translation>
    </message>
    <message>
        <source>&amp;About Satchel</source>
        <translation>&amp;دربارهٔ Satchel</translation>
    </message>
    <message>
        <source>&amp;Remove from library…</source>
        <translation>&amp;حذف از کتابخانه…</translation>
    </message>
</context>
<context>
    <name>ArticleList</name>
    <message>
        <source>Newest first</source>
        <translation>اول جدیدترین‌ها</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>اول قدیمی‌ترین‌ها</translation>
    </message>
    <message>
        <source>By title</source>
        <translation>بر اساس عنوان</translation>
    </message>
    <message>
        <source>By publisher</source>
        <translation>بر اساس ناشر</translation>
    </message>
    <message>
        <source>Order of the articles</source>
        <translation>ترتیب مقاله‌ها</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>مقاله‌ها</translation>
    </message>
    <message>
        <source>No articles here yet.</source>
        <translation>هنوز مقاله‌ای اینجا نیست.</translation>
    </message>
    <message>
        <source>Open a bundle with File &gt; Open bundle, or drop a .satchel file on this window.</source>
        <translation>با «پرونده &gt; باز کردن بسته» یک بسته باز کنید یا پروندهٔ ‎.satchel‎ را روی این پنجره رها کنید.</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%Ln مقاله</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <source>Trusted publisher</source>
        <translation>ناشر مورد اعتماد</translation>
    </message>
    <message>
        <source>Unverified publisher</source>
        <translation>ناشر تأییدنشده</translation>
    </message>
    <message>
        <source>Blocked publisher</source>
        <translation>ناشر مسدودشده</translation>
    </message>
    <message>
        <source>Publisher key revoked</source>
        <translation>کلید ناشر باطل شده</translation>
    </message>
    <message>
        <source>Newer version held back</source>
        <translation>نسخهٔ تازه‌تر کنار گذاشته شد</translation>
    </message>
    <message>
        <source>Retired key</source>
        <translation>کلید کنارگذاشته</translation>
    </message>
    <message>
        <source>A newer version of this article is signed only by a key its publisher has retired or revoked, so it cannot replace this one.</source>
        <translation>نسخهٔ تازه‌تر این مقاله فقط با کلیدی امضا شده که ناشر کنار گذاشته یا باطل کرده است، پس نمی‌تواند جای این نسخه را بگیرد.</translation>
    </message>
    <message>
        <source>Signed with a key its publisher has since replaced.</source>
        <translation>با کلیدی امضا شده که ناشر بعداً عوضش کرده است.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>عنوان</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>ناشر</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>تاریخ</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>زبان</translation>
    </message>
    <message>
        <source>[Retracted] %1</source>
        <translation>[پس‌گرفته‌شده] %1</translation>
    </message>
    <message>
        <source>unread</source>
        <translation>خوانده‌نشده</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Dismiss this message</source>
        <translation>بستن این پیام</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Pass on to a drive</source>
        <translation>رساندن به فلش</translation>
    </message>
    <message>
        <source>What to pass on</source>
        <translation>چه چیزی را برسانیم</translation>
    </message>
    <message numerus="yes">
        <source>The chosen article(s) (%n)</source>
        <translation>
            <numerusform>مقاله‌های انتخاب‌شده (%Ln)</numerusform>
        </translation>
    </message>
    <message>
        <source>Whole bundles:</source>
        <translation>بسته‌های کامل:</translation>
    </message>
    <message>
        <source>Everything in my library</source>
        <translation>همهٔ محتوای کتابخانه‌ام</translation>
    </message>
    <message>
        <source>Bundles to pass on</source>
        <translation>بسته‌هایی که باید رساند</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n article(s))</source>
        <translation>
            <numerusform>%1 (%Ln مقاله)</numerusform>
        </translation>
    </message>
    <message>
        <source>No articles</source>
        <translation>بدون مقاله</translation>
    </message>
    <message>
        <source>Share Satchel itself</source>
        <translation>هم‌رسانی خود Satchel</translation>
    </message>
    <message>
        <source>The app and what installs it on Windows, macOS and Linux with no internet (%1). Satchel checks it before and after copying.</source>
        <translation>خود برنامه و هر آنچه برای نصب آن روی ویندوز، مک و لینوکس بدون اینترنت لازم است (%1). Satchel آن را پیش و پس از کپی بررسی می‌کند.</translation>
    </message>
    <message>
        <source>This copy of Satchel was not installed from a release folder, so it cannot pass itself on. A Satchel installed from a drive can.</source>
        <translation>این نسخهٔ Satchel از پوشهٔ انتشار نصب نشده است، پس نمی‌تواند خودش را به دیگران بدهد. Satchelای که از فلش نصب شده باشد می‌تواند.</translation>
    </message>
    <message>
        <source>Where to</source>
        <translation>به کجا</translation>
    </message>
    <message>
        <source>Drive or folder to write to</source>
        <translation>فلش یا پوشه‌ای که روی آن نوشته شود</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>انتخاب پوشه…</translation>
    </message>
    <message>
        <source>Each article keeps its publisher&apos;s signature, so whoever receives it can check it just as you did.</source>
        <translation>هر مقاله امضای ناشرش را نگه می‌دارد، پس هر کس آن را بگیرد می‌تواند درست مثل شما آن را بررسی کند.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>لغو</translation>
    </message>
    <message>
        <source>Write to the drive</source>
        <translation>نوشتن روی فلش</translation>
    </message>
    <message>
        <source>%1 (%2 free)</source>
        <translation>%1 (%2 فضای خالی)</translation>
    </message>
    <message>
        <source>Choose where to write</source>
        <translation>محل نوشتن را انتخاب کنید</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>در حال نوشتن…</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>پیشرفت</translation>
    </message>
    <message>
        <source>Do not remove the drive yet.</source>
        <translation>هنوز فلش را جدا نکنید.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>توقف</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>در حال توقف…</translation>
    </message>
    <message>
        <source>Writing the articles…</source>
        <translation>در حال نوشتن مقاله‌ها…</translation>
    </message>
    <message>
        <source>Reading everything back to check it…</source>
        <translation>در حال خواندن دوبارهٔ همه چیز برای بررسی…</translation>
    </message>
    <message>
        <source>Copying Satchel itself…</source>
        <translation>در حال کپی خود Satchel…</translation>
    </message>
    <message>
        <source>Checking Satchel itself…</source>
        <translation>در حال بررسی خود Satchel…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
    <message>
        <source>Safe to remove</source>
        <translation>می‌توانید فلش را جدا کنید</translation>
    </message>
    <message>
        <source>Satchel itself was written to %1 and read back intact. You can remove the drive now.</source>
        <translation>خود Satchel روی %1 نوشته و بی‌نقص بازخوانی شد. اکنون می‌توانید فلش را جدا کنید.</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) were written to %1 and read back intact. You can remove the drive now.</source>
        <translation>
            <numerusform>%Ln مقاله روی %1 نوشته شد و بی‌نقص دوباره خوانده شد. اکنون می‌توانید فلش را جدا کنید.</numerusform>
        </translation>
    </message>
    <message>
        <source>Satchel itself is on it too.</source>
        <translation>خود Satchel هم روی آن است.</translation>
    </message>
    <message>
        <source>To install it, the other person opens the folder “%1” and follows INSTALL.txt (in English, Russian, Kazakh and Persian).</source>
        <translation>برای نصب، طرف مقابل پوشهٔ «%1» را باز می‌کند و طبق INSTALL.txt پیش می‌رود (به انگلیسی، روسی، قزاقی و فارسی).</translation>
    </message>
    <message>
        <source>Do not rely on this copy</source>
        <translation>به این نسخه اعتماد نکنید</translation>
    </message>
    <message>
        <source>The files on %1 could not be read back correctly. The drive may be failing; try another one.</source>
        <translation>پرونده‌های روی %1 درست خوانده نشدند. شاید فلش خراب باشد؛ فلش دیگری را امتحان کنید.</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) did not fit on the drive and were left out.</source>
        <translation>
            <numerusform>%Ln مقاله روی فلش جا نشد و نوشته نشد.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>متوقف شد</translation>
    </message>
    <message>
        <source>Nothing half-written was left on the drive.</source>
        <translation>هیچ پروندهٔ نیمه‌کاره‌ای روی فلش نماند.</translation>
    </message>
    <message>
        <source>Could not pass these on</source>
        <translation>رساندن این‌ها ممکن نشد</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import stopped</source>
        <translation>افزودن متوقف شد</translation>
    </message>
    <message>
        <source>No bundles found</source>
        <translation>بسته‌ای پیدا نشد</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>چیزی افزوده نشد</translation>
    </message>
    <message>
        <source>Nothing new</source>
        <translation>چیز تازه‌ای نبود</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>افزودن تمام شد</translation>
    </message>
    <message numerus="yes">
        <source>%n new article(s) added to your library.</source>
        <translation>
            <numerusform>%Ln مقالهٔ تازه به کتابخانهٔ شما افزوده شد.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) updated to a newer version from the publisher.</source>
        <translation>
            <numerusform>%Ln مقاله به نسخهٔ تازه‌تری از ناشر به‌روز شد.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) you already had were skipped.</source>
        <translation>
            <numerusform>از %Ln مقاله‌ای که از قبل داشتید گذشتیم.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bundle(s) had been imported before and were skipped.</source>
        <translation>
            <numerusform>%Ln بسته پیش‌تر افزوده شده بود و از آن گذشتیم.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) now have two different signed texts with the same version number. Both are kept; look at them with care.</source>
        <translation>
            <numerusform>%Ln مقاله اکنون دو متن امضاشدهٔ متفاوت با شمارهٔ نسخهٔ یکسان دارد. هر دو نگه داشته شدند؛ با دقت به آن‌ها نگاه کنید.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bundle(s) were refused. Nothing from a refused bundle was used; the list below says why.</source>
        <translation>
            <numerusform>%Ln بسته رد شد. از بستهٔ ردشده هیچ چیز استفاده نشد؛ دلیلش در فهرست زیر آمده است.</numerusform>
        </translation>
    </message>
    <message>
        <source>You stopped the import. Bundles that were finished before are in your library; the one being read was undone completely.</source>
        <translation>شما افزودن را متوقف کردید. بسته‌هایی که پیش از آن تمام شده بودند در کتابخانهٔ شما هستند؛ بسته‌ای که در حال خواندن بود کاملاً لغو شد.</translation>
    </message>
    <message>
        <source>There were no Satchel bundles (*.satchel files) there.</source>
        <translation>آنجا هیچ بستهٔ Satchel (پروندهٔ *.satchel) نبود.</translation>
    </message>
    <message>
        <source>Refused: %1
%2
%3</source>
        <translation>رد شد: %1
%2
%3</translation>
    </message>
    <message>
        <source>Already imported: %1</source>
        <translation>پیش‌تر افزوده شده: %1</translation>
    </message>
    <message>
        <source>Nothing new in %1</source>
        <translation>چیز تازه‌ای در %1 نبود</translation>
    </message>
    <message numerus="yes">
        <source>%n new article(s)</source>
        <translation>
            <numerusform>%Ln مقالهٔ تازه</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%Ln به‌روزشده</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Import bundles</source>
        <translation>افزودن بسته‌ها</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>در حال افزودن…</translation>
    </message>
    <message>
        <source>Looking for bundles…</source>
        <translation>در حال جستجوی بسته‌ها…</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>پیشرفت افزودن</translation>
    </message>
    <message>
        <source>Every article is checked before anything is saved. You can stop at any time; nothing will be left half-imported.</source>
        <translation>هر مقاله پیش از ذخیره بررسی می‌شود. هر وقت خواستید می‌توانید متوقف کنید؛ هیچ چیز نیمه‌کاره افزوده نمی‌ماند.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>توقف</translation>
    </message>
    <message>
        <source>Stop the import</source>
        <translation>توقف افزودن</translation>
    </message>
    <message>
        <source>What happened to each bundle</source>
        <translation>سرنوشت هر بسته</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>در حال توقف…</translation>
    </message>
    <message>
        <source>Stopping and undoing the bundle under way…</source>
        <translation>در حال توقف و لغو بستهٔ در حال پردازش…</translation>
    </message>
    <message>
        <source>Checking signatures in “%1”…</source>
        <translation>در حال بررسی امضاهای «%1»…</translation>
    </message>
    <message>
        <source>Saving “%1”…</source>
        <translation>در حال ذخیرهٔ «%1»…</translation>
    </message>
    <message>
        <source>Updating search…</source>
        <translation>در حال به‌روزرسانی جستجو…</translation>
    </message>
    <message>
        <source>(bundle %1 of %2)</source>
        <translation>(بستهٔ %1 از %2)</translation>
    </message>
    <message>
        <source>The import could not finish</source>
        <translation>افزودن به پایان نرسید</translation>
    </message>
</context>
<context>
    <name>Importer</name>
    <message>
        <source>Open bundles</source>
        <translation>باز کردن بسته‌ها</translation>
    </message>
    <message>
        <source>Satchel bundles (*.satchel)</source>
        <translation>بسته‌های Satchel (*.satchel)</translation>
    </message>
    <message>
        <source>Import a folder of bundles</source>
        <translation>افزودن پوشه‌ای از بسته‌ها</translation>
    </message>
    <message>
        <source>You are looking at “%1” straight from where it is stored. Its signatures check out. Nothing has been added to your library.</source>
        <translation>شما «%1» را مستقیماً از جایی که ذخیره شده می‌بینید. امضاهایش درست است. هیچ چیز به کتابخانهٔ شما افزوده نشده است.</translation>
    </message>
    <message>
        <source>Import into my library</source>
        <translation>افزودن به کتابخانه‌ام</translation>
    </message>
    <message numerus="yes">
        <source>“%1” is connected and holds %n bundle(s).</source>
        <translation>
            <numerusform>«%1» وصل شد و %Ln بسته در آن هست.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import them</source>
        <translation>افزودن آن‌ها</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>الان نه</translation>
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
        <translation>Satchel قفل است</translation>
    </message>
    <message>
        <source>Type the library&apos;s passphrase to open it.</source>
        <translation>برای باز کردن کتابخانه، عبارت عبور آن را بنویسید.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>عبارت عبور</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>باز کردن</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>در حال باز کردن…</translation>
    </message>
    <message>
        <source>That passphrase does not open this library.</source>
        <translation>این عبارت عبور این کتابخانه را باز نمی‌کند.</translation>
    </message>
</context>
<context>
    <name>Locking</name>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;قفل کردن</translation>
    </message>
    <message>
        <source>Lock Satchel: the passphrase is needed to open the library again (Ctrl+L)</source>
        <translation>قفل کردن Satchel: برای باز کردن دوباره کتابخانه عبارت عبور لازم است (Ctrl+L)</translation>
    </message>
    <message>
        <source>Panic: destroy the library and quit</source>
        <translation>وضعیت اضطراری: کتابخانه را نابود کن و خارج شو</translation>
    </message>
    <message>
        <source>Protect this library…</source>
        <translation>محافظت از این کتابخانه…</translation>
    </message>
    <message>
        <source>Change the passphrase…</source>
        <translation>تغییر عبارت عبور…</translation>
    </message>
    <message>
        <source>Duress passphrase…</source>
        <translation>عبارت عبور اجبار…</translation>
    </message>
    <message>
        <source>Protect this library?</source>
        <translation>از این کتابخانه محافظت شود؟</translation>
    </message>
    <message>
        <source>Satchel can encrypt everything it keeps with a passphrase, so that anyone who takes this computer sees only noise. You can also do it later from the File menu.</source>
        <translation>Satchel می‌تواند هر چه نگه می‌دارد را با یک عبارت عبور رمزگذاری کند تا هر کس این رایانه را بردارد فقط داده‌های بی‌معنا ببیند. این کار را بعداً هم می‌توانید از منوی «پرونده» انجام دهید.</translation>
    </message>
    <message>
        <source>Protect…</source>
        <translation>محافظت…</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>حالا نه</translation>
    </message>
    <message>
        <source>Encrypting your library…</source>
        <translation>در حال رمزگذاری کتابخانه…</translation>
    </message>
    <message>
        <source>Passphrase changed.</source>
        <translation>عبارت عبور تغییر کرد.</translation>
    </message>
    <message>
        <source>Duress passphrase saved.</source>
        <translation>عبارت عبور اجبار ذخیره شد.</translation>
    </message>
    <message>
        <source>This copy will not be protected</source>
        <translation>این نسخه محافظت نخواهد شد</translation>
    </message>
    <message>
        <source>Your library is encrypted, but a printout or a PDF file is not: anyone who finds it can read it. Continue?</source>
        <translation>کتابخانه رمزگذاری شده است، اما نسخهٔ چاپی یا پروندهٔ PDF نه: هر کس آن را پیدا کند می‌تواند بخواند. ادامه می‌دهید؟</translation>
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
        <translation>بخش‌های اصلی</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;پرونده</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;نما</translation>
    </message>
    <message>
        <source>&amp;Article</source>
        <translation>&amp;مقاله</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;راهنما</translation>
    </message>
    <message>
        <source>Opening your library…</source>
        <translation>در حال باز کردن کتابخانه…</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>قفل کردن</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%Ln مقاله</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%Ln خوانده‌نشده</numerusform>
        </translation>
    </message>
    <message>
        <source>Mark as &amp;unread</source>
        <translation>علامت‌گذاری به عنوان &amp;خوانده‌نشده</translation>
    </message>
    <message>
        <source>Remove &amp;bookmark</source>
        <translation>حذف &amp;نشانک</translation>
    </message>
    <message>
        <source>&amp;Bookmark</source>
        <translation>&amp;نشانک</translation>
    </message>
    <message>
        <source>Mark as &amp;read</source>
        <translation>علامت‌گذاری به عنوان &amp;خوانده‌شده</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>ذخیره شد: %1</translation>
    </message>
    <message>
        <source>Latin</source>
        <translation>لاتین</translation>
    </message>
    <message>
        <source>Cyrillic</source>
        <translation>سیریلیک</translation>
    </message>
    <message>
        <source>Kazakh letters (Ә Ғ Қ Ң Ө Ұ Ү Һ І)</source>
        <translation>حروف قزاقی (Ә Ғ Қ Ң Ө Ұ Ү Һ І)</translation>
    </message>
    <message>
        <source>Arabic script (Persian, Arabic)</source>
        <translation>خط عربی (فارسی، عربی)</translation>
    </message>
    <message>
        <source>Letters without a font show as empty boxes. Install a font such as Noto Sans to fix this.</source>
        <translation>حروفی که قلم ندارند به شکل مربع‌های خالی دیده می‌شوند. برای رفع این مشکل قلمی مانند Noto Sans نصب کنید.</translation>
    </message>
    <message>
        <source>Fonts</source>
        <translation>قلم‌ها</translation>
    </message>
    <message>
        <source>About Satchel</source>
        <translation>دربارهٔ Satchel</translation>
    </message>
    <message>
        <source>Satchel keeps news readable when the internet is cut off. Every article is signed by its publisher and checked on this computer; nothing here ever goes online.</source>
        <translation>Satchel خبرها را در زمان قطع اینترنت خواندنی نگه می‌دارد. هر مقاله را ناشرش امضا کرده و روی همین رایانه بررسی می‌شود؛ این برنامه هرگز به اینترنت وصل نمی‌شود.</translation>
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
        <translation>در حال باز کردن کتابخانه…</translation>
    </message>
    <message>
        <source>The library could not be opened.</source>
        <translation>کتابخانه باز نشد.</translation>
    </message>
    <message>
        <source>Checking “%1”…</source>
        <translation>در حال بررسی «%1»…</translation>
    </message>
    <message>
        <source>This bundle could not be opened.</source>
        <translation>این بسته باز نشد.</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Current passphrase</source>
        <translation>عبارت عبور فعلی</translation>
    </message>
    <message>
        <source>Duress passphrase</source>
        <translation>عبارت عبور اجبار</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>عبارت عبور جدید</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>دوباره بنویسید</translation>
    </message>
    <message>
        <source>Lock after this many idle minutes</source>
        <translation>قفل پس از این چند دقیقه بی‌کاری</translation>
    </message>
    <message>
        <source>Protect this library</source>
        <translation>محافظت از این کتابخانه</translation>
    </message>
    <message>
        <source>Everything Satchel keeps (articles, titles, publishers, the search index) will be encrypted with this passphrase. Anyone who takes this computer sees only noise.

If you forget the passphrase, nobody can open the library again, not even you. A few words you will remember are best.</source>
        <translation>هر چه Satchel نگه می‌دارد (مقاله‌ها، عنوان‌ها، ناشران، نمایهٔ جست‌وجو) با این عبارت عبور رمزگذاری می‌شود. هر کس این رایانه را بردارد فقط داده‌های بی‌معنا می‌بیند.

اگر عبارت عبور را فراموش کنید، هیچ‌کس، حتی خود شما، دیگر نمی‌تواند کتابخانه را باز کند. چند واژه که به خاطر می‌سپارید بهترین است.</translation>
    </message>
    <message>
        <source>Protect</source>
        <translation>محافظت</translation>
    </message>
    <message>
        <source>Change the passphrase</source>
        <translation>تغییر عبارت عبور</translation>
    </message>
    <message>
        <source>The library stays as it is; only the passphrase that opens it changes.</source>
        <translation>کتابخانه همان‌طور که هست می‌ماند؛ فقط عبارت عبوری که آن را باز می‌کند تغییر می‌کند.</translation>
    </message>
    <message>
        <source>If someone forces you to open Satchel, type this passphrase instead of the real one: your library is destroyed at once, silently, and Satchel opens with only the welcome articles. Leave it empty to remove it.</source>
        <translation>اگر کسی شما را مجبور کرد Satchel را باز کنید، به جای عبارت اصلی این را بنویسید: کتابخانهٔ شما فوراً و بی‌صدا نابود می‌شود و Satchel فقط با مقاله‌های خوشامد باز می‌شود. برای حذف آن، خالی بگذارید.</translation>
    </message>
    <message>
        <source>Type the current passphrase.</source>
        <translation>عبارت عبور فعلی را بنویسید.</translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n characters (a few words are easy to remember).</source>
        <translation>
            <numerusform>دست‌کم %n نویسه به کار ببرید (چند واژه را آسان به خاطر می‌سپارید).</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>دو عبارت عبور با هم فرق دارند.</translation>
    </message>
    <message>
        <source>The duress passphrase must differ from the real one.</source>
        <translation>عبارت عبور اجبار باید با عبارت اصلی فرق داشته باشد.</translation>
    </message>
    <message>
        <source>The current passphrase is wrong.</source>
        <translation>عبارت عبور فعلی نادرست است.</translation>
    </message>
</context>
<context>
    <name>ProvenancePanel</name>
    <message>
        <source>Where this came from</source>
        <translation>این از کجا آمده</translation>
    </message>
    <message>
        <source>Fingerprint: %1</source>
        <translation>اثر انگشت: %1</translation>
    </message>
    <message>
        <source>Trusted: you compared this publisher&apos;s fingerprint.</source>
        <translation>مورد اعتماد: شما اثر انگشت این ناشر را مقایسه کرده‌اید.</translation>
    </message>
    <message>
        <source>Unverified: the signature is valid, but you have not compared the fingerprint yet.</source>
        <translation>تأییدنشده: امضا معتبر است، اما شما هنوز اثر انگشت را مقایسه نکرده‌اید.</translation>
    </message>
    <message>
        <source>Blocked: you chose to hide this publisher&apos;s articles.</source>
        <translation>مسدود: شما تصمیم گرفته‌اید مقاله‌های این ناشر پنهان شوند.</translation>
    </message>
    <message>
        <source>Revoked: the publisher has ended this key. Articles signed before still verify.</source>
        <translation>باطل‌شده: ناشر این کلید را کنار گذاشته است. مقاله‌هایی که پیش‌تر امضا شده‌اند همچنان معتبرند.</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>منتشرشده</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>اصلاح‌شده</translation>
    </message>
    <message>
        <source>Retracted by the publisher</source>
        <translation>ناشر آن را پس گرفته است</translation>
    </message>
    <message>
        <source>Open an article to see who wrote it and how Satchel checked it.</source>
        <translation>مقاله‌ای را باز کنید تا ببینید چه کسی آن را نوشته و Satchel چطور آن را بررسی کرده است.</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>ناشر</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>اثر انگشت</translation>
    </message>
    <message>
        <source>This bundle has not been imported. Import it to keep its articles and to decide whether to trust this publisher.</source>
        <translation>این بسته هنوز افزوده نشده است. آن را بیفزایید تا مقاله‌هایش نگه داشته شوند و بتوانید دربارهٔ اعتماد به این ناشر تصمیم بگیرید.</translation>
    </message>
    <message>
        <source>Import this bundle</source>
        <translation>افزودن این بسته</translation>
    </message>
    <message>
        <source>This version</source>
        <translation>این نسخه</translation>
    </message>
    <message>
        <source>Version %1 · %2</source>
        <translation>نسخهٔ %1 · %2</translation>
    </message>
    <message>
        <source>Signed %1 (the publisher&apos;s clock)</source>
        <translation>امضا در %1 (به ساعت ناشر)</translation>
    </message>
    <message>
        <source>Signed with a key the publisher has since replaced. The signature is still valid.</source>
        <translation>با کلیدی امضا شده که ناشر بعداً عوضش کرده است. امضا همچنان معتبر است.</translation>
    </message>
    <message>
        <source>Conflict: another text with the same version number is also signed by this publisher. Neither is shown as the current one.</source>
        <translation>ناسازگاری: این ناشر متن دیگری با همین شمارهٔ نسخه را هم امضا کرده است. هیچ‌کدام به عنوان نسخهٔ فعلی نشان داده نمی‌شود.</translation>
    </message>
    <message>
        <source>Held back: this version is kept, but it may not replace the one you had. It is signed only by a key the publisher has retired, or it arrived after they revoked their keys.</source>
        <translation>کنار گذاشته شد: این نسخه نگه داشته شده، اما نمی‌تواند جای نسخه‌ای را بگیرد که داشتید. فقط با کلیدی امضا شده که ناشر کنار گذاشته، یا پس از باطل شدن کلیدهای ناشر رسیده است.</translation>
    </message>
    <message>
        <source>Version %1 arrived after the publisher revoked their keys. It cannot replace this one.</source>
        <translation>نسخهٔ %1 پس از آنکه ناشر کلیدهایش را باطل کرد رسید. نمی‌تواند جای این نسخه را بگیرد.</translation>
    </message>
    <message>
        <source>Version %1 is signed only by a key the publisher has retired. It cannot replace this one.</source>
        <translation>نسخهٔ %1 فقط با کلیدی امضا شده که ناشر کنار گذاشته است. نمی‌تواند جای این نسخه را بگیرد.</translation>
    </message>
    <message>
        <source>Versions held</source>
        <translation>نسخه‌های موجود</translation>
    </message>
    <message>
        <source>Version %1 (current) · %2</source>
        <translation>نسخهٔ %1 (فعلی) · %2</translation>
    </message>
    <message>
        <source>Version %1 · %2 · held back</source>
        <translation>نسخهٔ %1 · %2 · کنار گذاشته شده</translation>
    </message>
    <message>
        <source>How it reached you</source>
        <translation>چطور به دست شما رسید</translation>
    </message>
    <message>
        <source>Packed by %1</source>
        <translation>بسته‌بندی: %1</translation>
    </message>
    <message>
        <source>(the publisher itself)</source>
        <translation>(خود ناشر)</translation>
    </message>
    <message>
        <source>The bundle was not signed by whoever packed it. That is allowed: each article carries its own signature.</source>
        <translation>کسی که بسته را ساخته آن را امضا نکرده است. این مجاز است: هر مقاله امضای خودش را دارد.</translation>
    </message>
    <message>
        <source>In: %1</source>
        <translation>در بستهٔ: %1</translation>
    </message>
    <message>
        <source>First seen on this computer: %1</source>
        <translation>نخستین بار روی این رایانه: %1</translation>
    </message>
    <message>
        <source>Revocation</source>
        <translation>ابطال</translation>
    </message>
    <message>
        <source>The publisher has revoked this key chain. No new articles should be signed with it; if you see newer ones, be careful.</source>
        <translation>ناشر این زنجیرهٔ کلید را باطل کرده است. هیچ مقالهٔ تازه‌ای نباید با آن امضا شود؛ اگر چنین مقاله‌ای دیدید، احتیاط کنید.</translation>
    </message>
    <message>
        <source>Key history conflict</source>
        <translation>ناسازگاری تاریخچهٔ کلید</translation>
    </message>
    <message>
        <source>Satchel set aside the key history it held for this publisher: it does not pass today&apos;s checks (step %1).</source>
        <translation>Satchel تاریخچهٔ کلیدی را که از این ناشر داشت کنار گذاشت: از بررسی‌های امروز رد نمی‌شود (گام %1).</translation>
    </message>
    <message>
        <source>%1 brought another key history for this publisher (differing from step %2), first on %3. Satchel kept the one it had and refused the other.</source>
        <translation>%1 تاریخچهٔ کلید دیگری برای این ناشر آورد (از گام %2 متفاوت)، نخستین بار در %3. Satchel همانی را که داشت نگه داشت و دیگری را رد کرد.</translation>
    </message>
    <message>
        <source>Seen %1 times.</source>
        <translation>%1 بار دیده شد.</translation>
    </message>
    <message>
        <source>Keys Satchel kept:</source>
        <translation>کلیدهایی که Satchel نگه داشت:</translation>
    </message>
    <message>
        <source>Keys of the other history:</source>
        <translation>کلیدهای تاریخچهٔ دیگر:</translation>
    </message>
    <message>
        <source>Start this publisher over…</source>
        <translation>شروع دوبارهٔ این ناشر…</translation>
    </message>
    <message>
        <source>The bundle “%1”</source>
        <translation>بستهٔ «%1»</translation>
    </message>
    <message>
        <source>The key card “%1”</source>
        <translation>کارت کلید «%1»</translation>
    </message>
    <message>
        <source>Stop trusting</source>
        <translation>دیگر اعتماد نکن</translation>
    </message>
    <message>
        <source>Unblock</source>
        <translation>رفع مسدودی</translation>
    </message>
    <message>
        <source>Compare fingerprint and trust…</source>
        <translation>مقایسهٔ اثر انگشت و اعتماد…</translation>
    </message>
    <message>
        <source>Block this publisher…</source>
        <translation>مسدود کردن این ناشر…</translation>
    </message>
    <message>
        <source>Started “%1” over: %2 article(s) are hidden until their key history arrives again, in a bundle or a key card.</source>
        <translation>«%1» از نو شروع شد: %2 مقاله پنهان شد تا وقتی که تاریخچهٔ کلیدش دوباره، در یک بسته یا کارت کلید، برسد.</translation>
    </message>
    <message>
        <source>Block this publisher?</source>
        <translation>این ناشر مسدود شود؟</translation>
    </message>
    <message>
        <source>Hide every article from “%1”? You can unblock them later from this panel.</source>
        <translation>همهٔ مقاله‌های «%1» پنهان شوند؟ بعداً می‌توانید از همین بخش مسدودی را بردارید.</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>مسدود کن</translation>
    </message>
</context>
<context>
    <name>ReadingPane</name>
    <message>
        <source>Article text</source>
        <translation>متن مقاله</translation>
    </message>
    <message>
        <source>Choose an article to read it here.</source>
        <translation>مقاله‌ای را انتخاب کنید تا اینجا خوانده شود.</translation>
    </message>
    <message>
        <source>Retracted. The publisher has withdrawn this article. It is kept here so you can see what was withdrawn.</source>
        <translation>پس‌گرفته‌شده. ناشر این مقاله را پس گرفته است. اینجا نگه داشته شده تا ببینید چه چیزی پس گرفته شد.</translation>
    </message>
    <message>
        <source>Two different texts of this article carry the same version number, both signed by the publisher. Satchel cannot tell which is right; the details panel lists both.</source>
        <translation>این مقاله دو متن متفاوت با شمارهٔ نسخهٔ یکسان دارد که هر دو را ناشر امضا کرده است. Satchel نمی‌تواند بگوید کدام درست است؛ هر دو در بخش جزئیات آمده‌اند.</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>جزئیات</translation>
    </message>
    <message>
        <source>Corrected. This is version %1 of the article.</source>
        <translation>اصلاح‌شده. این نسخهٔ %1 مقاله است.</translation>
    </message>
    <message>
        <source>Another key history also claims to be “%1”. Satchel kept the one it had; ask the publisher which key they sign with now.</source>
        <translation>تاریخچهٔ کلید دیگری هم ادعا می‌کند «%1» است. Satchel همانی را که داشت نگه داشت؛ از ناشر بپرسید اکنون با کدام کلید امضا می‌کند.</translation>
    </message>
    <message>
        <source>Unverified publisher. The article is intact and signed by “%1”, but you have not compared their fingerprint yet.</source>
        <translation>ناشر تأییدنشده. مقاله دست‌نخورده است و «%1» آن را امضا کرده، اما شما هنوز اثر انگشت این ناشر را مقایسه نکرده‌اید.</translation>
    </message>
    <message>
        <source>Compare fingerprint…</source>
        <translation>مقایسهٔ اثر انگشت…</translation>
    </message>
    <message>
        <source>“%1” has ended (revoked) this key. The article is intact, but nothing new should be signed with this key.</source>
        <translation>«%1» این کلید را باطل کرده است. مقاله دست‌نخورده است، اما هیچ چیز تازه‌ای نباید با این کلید امضا شود.</translation>
    </message>
    <message>
        <source>Signed with a key that “%1” has since replaced. The signature is still valid.</source>
        <translation>با کلیدی امضا شده که «%1» بعداً عوضش کرده است. امضا همچنان معتبر است.</translation>
    </message>
    <message>
        <source>A newer version (%1) of this article arrived after “%2” revoked their keys, so it cannot replace the version you have. The details panel lists it.</source>
        <translation>نسخهٔ تازه‌تر (%1) این مقاله پس از آنکه «%2» کلیدهایش را باطل کرد رسید، پس نمی‌تواند جای نسخهٔ شما را بگیرد. در پنل جزئیات آمده است.</translation>
    </message>
    <message>
        <source>A newer version (%1) of this article is signed only by a key “%2” has retired, so it cannot replace the version you have. The details panel lists it.</source>
        <translation>نسخهٔ تازه‌تر (%1) این مقاله فقط با کلیدی امضا شده که «%2» کنار گذاشته است، پس نمی‌تواند جای نسخهٔ شما را بگیرد. در پنل جزئیات آمده است.</translation>
    </message>
    <message>
        <source>Cyrillic</source>
        <translation>سیریلیک</translation>
    </message>
    <message>
        <source>Kazakh (Cyrillic with Ә Ғ Қ Ң Ө Ұ Ү Һ І)</source>
        <translation>قزاقی (سیریلیک با Ә Ғ Қ Ң Ө Ұ Ү Һ І)</translation>
    </message>
    <message>
        <source>Arabic script (Persian, Arabic)</source>
        <translation>خط عربی (فارسی، عربی)</translation>
    </message>
    <message>
        <source>No font on this computer can show %1 letters, so some of this article may appear as empty boxes. The article itself is not damaged. Installing a font such as Noto Sans fixes this.</source>
        <translation>هیچ قلمی روی این رایانه نمی‌تواند حروف %1 را نشان دهد، پس ممکن است بخشی از این مقاله به شکل مربع‌های خالی دیده شود. خود مقاله آسیبی ندیده است. نصب قلمی مانند Noto Sans مشکل را حل می‌کند.</translation>
    </message>
    <message>
        <source>Print article</source>
        <translation>چاپ مقاله</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>ذخیره به صورت PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>پرونده‌های PDF (*.pdf)</translation>
    </message>
    <message>
        <source>image not shown: too large</source>
        <translation>تصویر نشان داده نشد: بیش از حد بزرگ</translation>
    </message>
</context>
<context>
    <name>ReleaseNotice</name>
    <message>
        <source>The copy of Satchel in “%1” failed its check: do not install it. It is not what the Satchel project signed. %2</source>
        <translation>نسخهٔ Satchel در «%1» از بررسی رد شد: آن را نصب نکنید. این همان چیزی نیست که پروژهٔ Satchel امضا کرده است. %2</translation>
    </message>
    <message>
        <source>“%1” holds Satchel %2, newer than yours (%3), and its signature checks out. To install it, open the folder and follow INSTALL.txt. First compare its release fingerprint with one from someone you trust: %4</source>
        <translation>«%1» شامل Satchel %2 است، تازه‌تر از نسخهٔ شما (%3)، و امضایش درست است. برای نصب، پوشه را باز کنید و طبق INSTALL.txt پیش بروید. اول اثر انگشت انتشار را با آنچه از کسی که به او اعتماد دارید گرفته‌اید مقایسه کنید: %4</translation>
    </message>
    <message>
        <source>“%1” holds Satchel %2, the version you have (%3). Its signature checks out: you can pass it on as it is.</source>
        <translation>«%1» شامل Satchel %2 است، همان نسخه‌ای که دارید (%3). امضایش درست است: می‌توانید همین‌طور آن را به دیگران بدهید.</translation>
    </message>
    <message>
        <source>“%1” holds Satchel %2, older than yours (%3): it is not an update. Keep the one you have.</source>
        <translation>«%1» شامل Satchel %2 است، قدیمی‌تر از نسخهٔ شما (%3): این به‌روزرسانی نیست. همان که دارید را نگه دارید.</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>باز کردن پوشه</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>الان نه</translation>
    </message>
</context>
<context>
    <name>RemoveDialog</name>
    <message>
        <source>Remove from library</source>
        <translation>حذف از کتابخانه</translation>
    </message>
    <message>
        <source>Remove the bundle “%1” from this library?</source>
        <translation>بستهٔ «%1» از این کتابخانه حذف شود؟</translation>
    </message>
    <message>
        <source>Remove everything from “%1” from this library?</source>
        <translation>همهٔ مقاله‌های «%1» از این کتابخانه حذف شود؟</translation>
    </message>
    <message>
        <source>Articles deleted: %1</source>
        <translation>مقاله‌هایی که حذف می‌شوند: %1</translation>
    </message>
    <message>
        <source>Articles that keep another version: %1</source>
        <translation>مقاله‌هایی که نسخهٔ دیگری از آن‌ها می‌ماند: %1</translation>
    </message>
    <message>
        <source>Versions that stay, because another bundle brought them too: %1</source>
        <translation>نسخه‌هایی که می‌مانند، چون بستهٔ دیگری هم آن‌ها را آورده است: %1</translation>
    </message>
    <message>
        <source>Space freed: %1</source>
        <translation>فضایی که آزاد می‌شود: %1</translation>
    </message>
    <message>
        <source>Importing the bundle file again brings them back.</source>
        <translation>اگر فایل بسته را دوباره بیفزایید، برمی‌گردند.</translation>
    </message>
    <message>
        <source>Their fingerprint stays known. Importing their bundles again brings the articles back, unless you block them.</source>
        <translation>اثر انگشت این ناشر شناخته‌شده می‌ماند. اگر بسته‌هایش را دوباره بیفزایید، مقاله‌ها برمی‌گردند، مگر اینکه او را مسدود کنید.</translation>
    </message>
    <message>
        <source>Also block “%1”, so nothing from them is shown again</source>
        <translation>«%1» را هم مسدود کن تا دیگر چیزی از او نشان داده نشود</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>حذف</translation>
    </message>
</context>
<context>
    <name>ResetDialog</name>
    <message>
        <source>Start this publisher over?</source>
        <translation>این ناشر از نو شروع شود؟</translation>
    </message>
    <message>
        <source>Two key histories claim to be “%1”</source>
        <translation>دو تاریخچهٔ کلید ادعا می‌کنند «%1» هستند</translation>
    </message>
    <message>
        <source>Both histories start from the same publisher fingerprint, so compare the keys below instead. Ask the publisher which key they sign with now, through a channel you already trust: in person, printed in their newspaper, or from a friend who checked it. Compare all sixteen groups.</source>
        <translation>هر دو تاریخچه از یک اثر انگشت ناشر آغاز می‌شوند، پس به جای آن کلیدهای زیر را مقایسه کنید. از ناشر از راهی که از پیش به آن اعتماد دارید بپرسید اکنون با کدام کلید امضا می‌کند: حضوری، چاپ‌شده در روزنامه‌اش، یا از دوستی که آن را بررسی کرده است. هر شانزده گروه را مقایسه کنید.</translation>
    </message>
    <message>
        <source>The key Satchel kept:</source>
        <translation>کلیدی که Satchel نگه داشت:</translation>
    </message>
    <message>
        <source>The key of the other history:</source>
        <translation>کلید تاریخچهٔ دیگر:</translation>
    </message>
    <message>
        <source>(no key: a revocation)</source>
        <translation>(بدون کلید: ابطال)</translation>
    </message>
    <message>
        <source>Fingerprint: %1</source>
        <translation>اثر انگشت: %1</translation>
    </message>
    <message>
        <source>Only if the other key is theirs: starting over forgets the key history Satchel holds for this publisher and your trust decision. Their articles are kept but hidden until a key history arrives again (import a bundle from them, or their key card); then the articles their keys signed come back, and the others stay hidden.</source>
        <translation>فقط اگر کلید دیگر از آنِ ناشر است: شروع دوباره تاریخچهٔ کلیدی را که Satchel از این ناشر دارد و تصمیم اعتماد شما را فراموش می‌کند. مقاله‌هایش نگه داشته می‌شوند اما تا رسیدن دوبارهٔ تاریخچهٔ کلید پنهان می‌مانند (بسته‌ای از او یا کارت کلیدش را وارد کنید)؛ آنگاه مقاله‌هایی که کلیدهایش امضا کرده‌اند برمی‌گردند و بقیه پنهان می‌مانند.</translation>
    </message>
    <message>
        <source>The other key is theirs: start over</source>
        <translation>کلید دیگر از آنِ اوست: از نو شروع کن</translation>
    </message>
    <message>
        <source>Keep things as they are</source>
        <translation>همه چیز همین‌طور بماند</translation>
    </message>
</context>
<context>
    <name>Search</name>
    <message>
        <source>Rebuild the search index</source>
        <translation>بازسازی نمایهٔ جستجو</translation>
    </message>
    <message>
        <source>Rebuilding the search index…</source>
        <translation>در حال بازسازی نمایهٔ جستجو…</translation>
    </message>
    <message>
        <source>The search index was rebuilt.</source>
        <translation>نمایهٔ جستجو بازسازی شد.</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <source>Search all articles (Ctrl+K)</source>
        <translation>جستجو در همهٔ مقاله‌ها (Ctrl+K)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>جستجو</translation>
    </message>
    <message>
        <source>Results appear as you type. Enter opens the first result.</source>
        <translation>نتیجه‌ها همزمان با تایپ ظاهر می‌شوند. کلید Enter نخستین نتیجه را باز می‌کند.</translation>
    </message>
    <message>
        <source>Filter by publisher</source>
        <translation>پالایش بر اساس ناشر</translation>
    </message>
    <message>
        <source>Filter by language</source>
        <translation>پالایش بر اساس زبان</translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation>پالایش بر اساس برچسب</translation>
    </message>
    <message>
        <source>Filter by date</source>
        <translation>پالایش بر اساس تاریخ</translation>
    </message>
    <message>
        <source>Any publisher</source>
        <translation>همهٔ ناشران</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>همهٔ زبان‌ها</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>همهٔ برچسب‌ها</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>همهٔ زمان‌ها</translation>
    </message>
    <message>
        <source>Past week</source>
        <translation>هفتهٔ گذشته</translation>
    </message>
    <message>
        <source>Past month</source>
        <translation>ماه گذشته</translation>
    </message>
    <message>
        <source>Past year</source>
        <translation>سال گذشته</translation>
    </message>
</context>
<context>
    <name>SearchResultsPanel</name>
    <message>
        <source>Search results</source>
        <translation>نتیجه‌های جستجو</translation>
    </message>
    <message>
        <source>Search summary</source>
        <translation>خلاصهٔ جستجو</translation>
    </message>
    <message>
        <source>Searching for “%1”…</source>
        <translation>در حال جستجوی «%1»…</translation>
    </message>
    <message>
        <source>This search cannot be run as typed: %1</source>
        <translation>این جستجو را به این شکل نمی‌شود انجام داد: %1</translation>
    </message>
    <message>
        <source>Nothing found for “%1”.</source>
        <translation>برای «%1» چیزی پیدا نشد.</translation>
    </message>
    <message>
        <source>Try removing a filter.</source>
        <translation>یکی از پالایه‌ها را بردارید.</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%Ln نتیجه</numerusform>
        </translation>
    </message>
    <message>
        <source>(the best %1 are shown)</source>
        <translation>(%1 نتیجهٔ برتر نشان داده شده است)</translation>
    </message>
    <message>
        <source>Did you mean %1?</source>
        <translation>منظورتان %1 بود؟</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>تنظیمات</translation>
    </message>
    <message>
        <source>Same as the computer</source>
        <translation>مانند رایانه</translation>
    </message>
    <message>
        <source>Language of the menus and buttons</source>
        <translation>زبان منوها و دکمه‌ها</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;زبان:</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>روشن</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>تیره</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>رنگ‌ها</translation>
    </message>
    <message>
        <source>&amp;Colours:</source>
        <translation>&amp;رنگ‌ها:</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> پوینت</translation>
    </message>
    <message>
        <source>Text size of articles</source>
        <translation>اندازهٔ متن مقاله‌ها</translation>
    </message>
    <message>
        <source>&amp;Text size:</source>
        <translation>اندازهٔ &amp;متن:</translation>
    </message>
    <message>
        <source>Tell me when a USB stick or memory card with bundles is connected</source>
        <translation>وقتی فلش یا کارت حافظه‌ای که بسته دارد وصل شد، به من خبر بده</translation>
    </message>
    <message>
        <source>Satchel never connects to the internet. These settings are kept in your library folder.</source>
        <translation>Satchel هرگز به اینترنت وصل نمی‌شود. این تنظیمات در پوشهٔ کتابخانهٔ شما نگه داشته می‌شوند.</translation>
    </message>
</context>
<context>
    <name>ShareDialog</name>
    <message>
        <source>Share on this network</source>
        <translation>هم‌رسانی در این شبکه</translation>
    </message>
    <message>
        <source>Let phones read this library</source>
        <translation>بگذارید گوشی‌ها این کتابخانه را بخوانند</translation>
    </message>
    <message>
        <source>Phones on the same Wi-Fi or hotspot open the address below in a browser, or scan the code. They see only verified articles, with who signed each one; nothing they read or search is recorded. Sharing stops when you close this window.</source>
        <translation>گوشی‌هایی که در همان وای‌فای یا هات‌اسپات هستند نشانی زیر را در مرورگر باز می‌کنند یا کد را اسکن می‌کنند. آن‌ها فقط مقاله‌های تأییدشده را می‌بینند، همراه با اینکه چه کسی هرکدام را امضا کرده است؛ آنچه می‌خوانند یا جستجو می‌کنند ثبت نمی‌شود. با بستن این پنجره هم‌رسانی متوقف می‌شود.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>در حال آغاز…</translation>
    </message>
    <message>
        <source>Stop sharing</source>
        <translation>توقف هم‌رسانی</translation>
    </message>
    <message>
        <source>Sharing until you stop it or close this window.</source>
        <translation>هم‌رسانی تا وقتی آن را متوقف کنید یا این پنجره را ببندید ادامه دارد.</translation>
    </message>
    <message>
        <source>No Wi-Fi network or hotspot found. Join a Wi-Fi network or start a hotspot, then try again.</source>
        <translation>هیچ وای‌فای یا هات‌اسپاتی پیدا نشد. به یک وای‌فای وصل شوید یا هات‌اسپات را روشن کنید و دوباره امتحان کنید.</translation>
    </message>
    <message>
        <source>Sharing could not start: %1</source>
        <translation>هم‌رسانی آغاز نشد: %1</translation>
    </message>
    <message>
        <source>Not sharing</source>
        <translation>هم‌رسانی نمی‌شود</translation>
    </message>
    <message>
        <source>Start sharing</source>
        <translation>آغاز هم‌رسانی</translation>
    </message>
    <message numerus="yes">
        <source>Connected readers: %n</source>
        <translation>
            <numerusform>خوانندگان متصل: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Sections</source>
        <translation>بخش‌ها</translation>
    </message>
    <message>
        <source>Remove from library…</source>
        <translation>حذف از کتابخانه…</translation>
    </message>
</context>
<context>
    <name>SidebarModel</name>
    <message>
        <source>All articles</source>
        <translation>همهٔ مقاله‌ها</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>خوانده‌نشده‌ها</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>نشانک‌ها</translation>
    </message>
    <message>
        <source>Publishers</source>
        <translation>ناشران</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>زبان‌ها</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>برچسب‌ها</translation>
    </message>
    <message>
        <source>Bundles</source>
        <translation>بسته‌ها</translation>
    </message>
</context>
<context>
    <name>TrustDialog</name>
    <message>
        <source>Compare the fingerprint</source>
        <translation>مقایسهٔ اثر انگشت</translation>
    </message>
    <message>
        <source>Is this really “%1”?</source>
        <translation>آیا این واقعاً «%1» است؟</translation>
    </message>
    <message>
        <source>Ask the publisher for their fingerprint through a channel you already trust: in person, printed in their newspaper, or from a friend who checked it. Then compare all sixteen groups below. If even one group differs, do not trust this key.</source>
        <translation>اثر انگشت ناشر را از راهی که به آن اعتماد دارید بگیرید: حضوری، از نسخهٔ چاپی روزنامه‌اش، یا از دوستی که آن را بررسی کرده است. سپس هر شانزده گروه زیر را مقایسه کنید. اگر حتی یک گروه فرق داشت، به این کلید اعتماد نکنید.</translation>
    </message>
    <message>
        <source>Fingerprint: %1</source>
        <translation>اثر انگشت: %1</translation>
    </message>
    <message>
        <source>They match: trust this publisher</source>
        <translation>یکسان‌اند: به این ناشر اعتماد کن</translation>
    </message>
    <message>
        <source>Copy fingerprint</source>
        <translation>رونوشت اثر انگشت</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>الان نه</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <source>Removed “%1”.</source>
        <translation>«%1» حذف شد.</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Satchel is already open in another window, or a satchel command is using this library. Close it, then try again.</source>
        <translation>Satchel در پنجرهٔ دیگری باز است یا یک فرمان satchel از این کتابخانه استفاده می‌کند. آن را ببندید و دوباره تلاش کنید.</translation>
    </message>
    <message>
        <source>The disk is full. Nothing was changed. Free some space, then try again.</source>
        <translation>دیسک پر است. هیچ چیز تغییر نکرد. کمی جا باز کنید و دوباره تلاش کنید.</translation>
    </message>
    <message>
        <source>This library was made by a newer version of Satchel. Update Satchel to open it.</source>
        <translation>این کتابخانه با نسخهٔ تازه‌تری از Satchel ساخته شده است. برای باز کردنش Satchel را به‌روز کنید.</translation>
    </message>
    <message>
        <source>The library file cannot be read. A copy made before each upgrade is kept in the library&apos;s backups folder.</source>
        <translation>پروندهٔ کتابخانه خوانده نمی‌شود. پیش از هر به‌روزرسانی یک نسخهٔ پشتیبان در پوشهٔ backups کتابخانه نگه داشته می‌شود.</translation>
    </message>
    <message>
        <source>Part of this article is missing or damaged in the library. Importing a bundle that carries it again will repair it.</source>
        <translation>بخشی از این مقاله در کتابخانه نیست یا آسیب دیده است. افزودن دوبارهٔ بسته‌ای که این مقاله را دارد مشکل را حل می‌کند.</translation>
    </message>
    <message>
        <source>This item is no longer in the library.</source>
        <translation>این مورد دیگر در کتابخانه نیست.</translation>
    </message>
    <message>
        <source>Two different key histories claim to be the same publisher. The library kept the one it had. Compare fingerprints with the publisher through a channel you trust.</source>
        <translation>دو تاریخچهٔ کلید متفاوت ادعا می‌کنند که یک ناشرند. کتابخانه همانی را که داشت نگه داشت. اثر انگشت را از راهی که به آن اعتماد دارید با ناشر مقایسه کنید.</translation>
    </message>
    <message>
        <source>This key card could not be read, or its keys do not check out.</source>
        <translation>کارت کلید خوانده نشد یا کلیدهایش معتبر نیستند.</translation>
    </message>
    <message>
        <source>This copy of the bundle is incomplete: the copy was cut short. Nothing from it was used. Copy the file again, and let the copy finish before you unplug the drive.</source>
        <translation>این نسخه از بسته ناقص است: کپی نیمه‌کاره مانده است. چیزی از آن به کار نرفت. فایل را دوباره کپی کنید و پیش از جدا کردن درایو صبر کنید تا کپی تمام شود.</translation>
    </message>
    <message>
        <source>This bundle was refused: part of it was changed after it was signed. Nothing from it was used.</source>
        <translation>این بسته رد شد: بخشی از آن پس از امضا تغییر کرده است. هیچ چیز از آن استفاده نشد.</translation>
    </message>
    <message>
        <source>This bundle was refused: a signature in it does not check out. Nothing from it was used.</source>
        <translation>این بسته رد شد: یکی از امضاهایش معتبر نیست. هیچ چیز از آن استفاده نشد.</translation>
    </message>
    <message>
        <source>This bundle was refused: a publisher&apos;s key history in it is broken. Nothing from it was used.</source>
        <translation>این بسته رد شد: تاریخچهٔ کلید یک ناشر در آن خراب است. هیچ چیز از آن استفاده نشد.</translation>
    </message>
    <message>
        <source>This bundle was refused: it holds something larger than Satchel accepts. Nothing from it was used.</source>
        <translation>این بسته رد شد: چیزی در آن بزرگ‌تر از حدی است که Satchel می‌پذیرد. هیچ چیز از آن استفاده نشد.</translation>
    </message>
    <message>
        <source>This bundle was refused: the file is not built the way a bundle must be. Nothing from it was used.</source>
        <translation>این بسته رد شد: ساختار پرونده آن‌طور که یک بسته باید باشد نیست. هیچ چیز از آن استفاده نشد.</translation>
    </message>
    <message>
        <source>This bundle was refused: it is damaged or not a Satchel bundle. Nothing from it was used.</source>
        <translation>این بسته رد شد: آسیب دیده است یا بستهٔ Satchel نیست. هیچ چیز از آن استفاده نشد.</translation>
    </message>
    <message>
        <source>This bundle was refused. Nothing from it was used.</source>
        <translation>این بسته رد شد. هیچ چیز از آن استفاده نشد.</translation>
    </message>
    <message>
        <source>The key file could not be opened.</source>
        <translation>پروندهٔ کلید باز نشد.</translation>
    </message>
    <message>
        <source>There is a problem with the library.</source>
        <translation>کتابخانه مشکلی دارد.</translation>
    </message>
    <message>
        <source>Satchel could not finish this.</source>
        <translation>Satchel نتوانست این کار را تمام کند.</translation>
    </message>
    <message>
        <source>Satchel is not allowed to read or write this file or folder.</source>
        <translation>Satchel اجازهٔ خواندن یا نوشتن این پرونده یا پوشه را ندارد.</translation>
    </message>
    <message>
        <source>A file could not be read or written. If it is on a USB stick or a memory card, check that it is still plugged in.</source>
        <translation>یک پرونده خوانده یا نوشته نشد. اگر روی فلش یا کارت حافظه است، بررسی کنید که هنوز وصل باشد.</translation>
    </message>
    <message>
        <source>Something went wrong inside Satchel. Your library is safe.</source>
        <translation>در Satchel خطایی رخ داد. کتابخانهٔ شما سالم است.</translation>
    </message>
    <message>
        <source>Search cannot be used right now: the search index is damaged or out of date. Rebuilding it from your library fixes this; your articles are safe.</source>
        <translation>جستجو الان در دسترس نیست: نمایهٔ جستجو آسیب دیده یا کهنه است. بازسازی آن از کتابخانهٔ شما این را درست می‌کند؛ مقاله‌های شما سالم‌اند.</translation>
    </message>
    <message>
        <source>Satchel</source>
        <translation>Satchel</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>رونوشت جزئیات</translation>
    </message>
</context>
</TS>
