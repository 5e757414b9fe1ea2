<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ArticleList</name>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>The chosen article(s) (%n)</source>
        <translation>
            <numerusform>The chosen article (%n)</numerusform>
            <numerusform>The chosen articles (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n article(s))</source>
        <translation>
            <numerusform>%1 (%n article)</numerusform>
            <numerusform>%1 (%n articles)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) were written to %1 and read back intact. You can remove the drive now.</source>
        <translation>
            <numerusform>%n article was written to %1 and read back intact. You can remove the drive now.</numerusform>
            <numerusform>%n articles were written to %1 and read back intact. You can remove the drive now.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) did not fit on the drive and were left out.</source>
        <translation>
            <numerusform>%n article did not fit on the drive and was left out.</numerusform>
            <numerusform>%n articles did not fit on the drive and were left out.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>%n new article(s) added to your library.</source>
        <translation>
            <numerusform>%n new article added to your library.</numerusform>
            <numerusform>%n new articles added to your library.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) updated to a newer version from the publisher.</source>
        <translation>
            <numerusform>%n article updated to a newer version from the publisher.</numerusform>
            <numerusform>%n articles updated to a newer version from the publisher.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) you already had were skipped.</source>
        <translation>
            <numerusform>%n article you already had was skipped.</numerusform>
            <numerusform>%n articles you already had were skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bundle(s) had been imported before and were skipped.</source>
        <translation>
            <numerusform>%n bundle had been imported before and was skipped.</numerusform>
            <numerusform>%n bundles had been imported before and were skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) now have two different signed texts with the same version number. Both are kept; look at them with care.</source>
        <translation>
            <numerusform>%n article now has two different signed texts with the same version number. Both are kept; look at them with care.</numerusform>
            <numerusform>%n articles now have two different signed texts with the same version number. Both are kept; look at them with care.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bundle(s) were refused. Nothing from a refused bundle was used; the list below says why.</source>
        <translation>
            <numerusform>%n bundle was refused. Nothing from a refused bundle was used; the list below says why.</numerusform>
            <numerusform>%n bundles were refused. Nothing from a refused bundle was used; the list below says why.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new article(s)</source>
        <translation>
            <numerusform>%n new article</numerusform>
            <numerusform>%n new articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n updated</numerusform>
            <numerusform>%n updated</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Importer</name>
    <message numerus="yes">
        <source>“%1” is connected and holds %n bundle(s).</source>
        <translation>
            <numerusform>“%1” is connected and holds %n bundle.</numerusform>
            <numerusform>“%1” is connected and holds %n bundles.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message numerus="yes">
        <source>Use at least %n characters (a few words are easy to remember).</source>
        <translation>
            <numerusform>Use at least %n character (a few words are easy to remember).</numerusform>
            <numerusform>Use at least %n characters (a few words are easy to remember).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchResultsPanel</name>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ShareDialog</name>
    <message numerus="yes">
        <source>Connected readers: %n</source>
        <translation>
            <numerusform>Connected readers: %n</numerusform>
            <numerusform>Connected readers: %n</numerusform>
        </translation>
    </message>
</context>
</TS>
