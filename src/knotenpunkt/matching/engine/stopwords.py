"""German and English stopwords: words that say nothing about a capability."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


GERMAN_STOPWORDS = _words(
    """
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer
    anderes anders auch auf aus bei beim bin bis bisher bist da dabei dadurch dafür dagegen
    daher dahin damals damit dann daran darauf daraus darf darin darüber darum darunter das
    dass daß davon davor dazu dein deine deinem deinen deiner dem den denen denn der deren
    derer des deshalb dessen dich die dies diese diesem diesen dieser dieses dir doch dort
    du durch eben ein eine einem einen einer eines einfach einige einigen einiger einiges
    einmal er es etwa etwas euch euer eure eurem euren eurer für gar gegen gewesen gibt
    gleich hab habe haben hat hatte hätte hatten hätten hier hin hinter ich ihm ihn ihnen
    ihr ihre ihrem ihren ihrer ihres im immer in ins ist ja je jede jedem jeden jeder jedes
    jedoch jemand jetzt kann kannst kein keine keinem keinen keiner keines können könnte
    könnten man manche manchem manchen mancher manches mehr mein meine meinem meinen meiner
    meines mich mir mit muss musste müssen nach nachdem nein nicht nichts noch nun nur ob
    oder ohne oft schon sehr sein seine seinem seinen seiner seines seit selbst sich sie
    sind so sodass solche solchem solchen solcher solches soll sollen sollte sollten sonst
    sowie statt um und uns unser unsere unserem unseren unserer unseres unter viel viele
    vom von vor wann war wäre waren wären warum was weil welche welchem welchen welcher
    welches wenn wer werde werden wie wieder will wir wird wirst wo wollen wollte wollten
    worden wurde würde wurden würden zu zum zur zwar zwischen zudem ganz ganze ganzen
    gern gerne bitte etc bzw usw ca dass wegen womit wobei woran sowohl beide beiden
    """
)

ENGLISH_STOPWORDS = _words(
    """
    a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your
    yours yourself yourselves also via per us
    """
)

STOPWORDS = GERMAN_STOPWORDS | ENGLISH_STOPWORDS
