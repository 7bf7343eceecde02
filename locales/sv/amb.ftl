# amb:s meddelanden på svenska. Id:na är desamma på alla språk (ett test kontrollerar det).
# Termer: ../GLOSSARY.md.

## Programme report: title and subtitle

program-title = { $program }: resultat av medarbetarambassadörsprogrammet
program-period = Programperiod { $since }–{ $until }
program-period-open = Pågår sedan { $since }
program-hashtags = Programmets hashtagg: { $tags }
program-compared = Jämfört med föregående omgång: { $other }
change-vs-previous = { $change } jämfört med föregående

## Programme report: headline figures

figure-ambassadors = Ambassadörer
figure-posts = Programmets inlägg
figure-reach = Räckvidd (visningar)
figure-emv = Förtjänat medievärde (uppskattning)
figure-emv-detail = vad samma synlighet hade kostat som annonsering
figure-attendance = Närvaro vid utbildningarna
figure-feedback = Deltagarnas betyg

## Counts: $n selects the plural form, $n_shown is the number as the reader writes it

count-employees =
    { $n ->
        [one] { $n_shown } medarbetare
       *[other] { $n_shown } medarbetare
    }
count-managers =
    { $n ->
        [one] { $n_shown } chef
       *[other] { $n_shown } chefer
    }
count-ambassadors =
    { $n ->
        [one] { $n_shown } ambassadör
       *[other] { $n_shown } ambassadörer
    }
count-channels =
    { $n ->
        [one] i { $n_shown } kanal
       *[other] i { $n_shown } kanaler
    }
count-engagements =
    { $n ->
        [one] { $n_shown } reaktion, kommentar eller delning
       *[other] { $n_shown } reaktioner, kommentarer och delningar
    }
count-trainings =
    { $n ->
        [one] { $n_shown } utbildning
       *[other] { $n_shown } utbildningar
    }
count-responses =
    { $n ->
        [one] { $n_shown } svar
       *[other] { $n_shown } svar
    }
count-posts =
    { $n ->
        [one] { $n_shown } inlägg
       *[other] { $n_shown } inlägg
    }
count-shares =
    { $n ->
        [one] { $n_shown } delning
       *[other] { $n_shown } delningar
    }
count-other-activities =
    { $n ->
        [one] { $n_shown } annan insats
       *[other] { $n_shown } andra insatser
    }
count-trainings-held =
    { $n ->
        [one] { $n_shown } utbildning hölls
       *[other] { $n_shown } utbildningar hölls
    }
count-points-earned =
    { $n ->
        [one] { $n_shown } poäng intjänad
       *[other] { $n_shown } poäng intjänade
    }
score-label = Betyg { $n_shown }

## Programme report: sections

section-posts-by-month = Programmets inlägg per månad
section-channels = Kanaler
section-units = Inlägg per enhet
section-activities = Övrigt ambassadörsarbete
section-trainings = Utbildningar
section-swag = Ambassadörernas produktpaket
section-tiers = Vägen till tankeledarskap
section-top = De mest aktiva ambassadörerna
section-kpis = Programmets nyckeltal
section-experiences = Erfarenheter
section-comments = Vad deltagarna sade
section-emv = Så uppskattas medievärdet
swag-delivered = Levererade
swag-pending = Ännu inte levererade

## Programme report: notes

note-months-aligned = Föregående omgångs staplar står vid motsvarande månad i dess eget program (första månaden bredvid första månaden).
note-points = Intjänade poäng sammanlagt: { $earned }; inlösta mot belöningar: { $redeemed }.
note-feedback = Enkäten fick { $responses }; medelbetyget är { $average } på skalan 1–5.
note-feedback-hidden = För få deltagare svarade för att resultaten ska kunna visas utan att enskilda svarande kan identifieras.
note-emv = Förtjänat medievärde är en uppskattning av vad programmets synlighet hade kostat som annonsering: visningar / 1 000 × CPM + klick × CPC + engagemang (reaktioner, kommentarer och delningar) × värde per engagemang, enligt priserna nedan ({ $currency }, gällande från { $date }). Potentiell räckvidd (följare) räknas inte med.
note-small-groups =
    { $n ->
        [one] Enheter och svarssiffror från färre än { $n_shown } person har slagits ihop eller utelämnats för att skydda integriteten.
       *[other] Enheter och svarssiffror från färre än { $n_shown } personer har slagits ihop eller utelämnats för att skydda integriteten.
    }
note-nothing = Inget att visa.
note-no-kpis = Inga värden för nyckeltal har registrerats ännu (amb kpi add).
footer-made = Rapporten sammanställd { $date } med amb.

## Table columns

column-channel = Kanal
column-posts = Inlägg
column-share = Andel av inläggen
column-impressions = Visningar
column-engagements = Engagemang
column-emv = Medievärde (uppskattning)
column-training = Utbildning
column-date = Datum
column-attended = Deltog
column-absent = Frånvarande
column-excused = Förhindrad
column-attendance-rate = Närvarograd
column-name = Namn
column-unit = Enhet
column-kpi = Nyckeltal
column-before = Före
column-after = Efter
column-change = Förändring
column-first = Första
column-latest = Senaste
column-value = Värde
column-change-previous = Förändring från föregående
column-change-start = Förändring från start
column-note = Anmärkning
column-cpm = CPM (per 1 000 visningar)
column-cpc = CPC (per klick)
column-per-engagement = Per engagemang

## Report titles

kpi-title = Nyckeltalens utveckling
kpi-title-program = { $program }: nyckeltalens utveckling
title-health = Ambassadörer som har tystnat
title-leaderboard = Topplista
title-leaderboard-units = Enheterna jämförda
title-person = { $name }: ambassadörens uppgifter
title-year = År { $year }
title-digest = Ambassadörsöversikt

## The Teams digest

digest-title = Ambassadörsöversikt { $since }–{ $until }
digest-title-organisation = { $organisation }: ambassadörsöversikt { $since }–{ $until }
digest-posts = { $ambassadors } gjorde { $posts }
digest-other = { $shares } och { $other } (besök, föredrag, artiklar …)
digest-most-active = Mest aktiva: { $names }
digest-thanks = Tack alla!

## Months, short, as chart labels

month-1 = jan
month-2 = feb
month-3 = mars
month-4 = apr
month-5 = maj
month-6 = juni
month-7 = juli
month-8 = aug
month-9 = sep
month-10 = okt
month-11 = nov
month-12 = dec

## Values stored as identifiers, in the reader's words (value-<identifier>)

value-yes = ja
value-no = nej
value-employee = medarbetare
value-manager = chef
value-applied = sökande
value-active = aktiv
value-completed = slutfört
value-withdrawn = avbrutit
value-open = pågår
value-closed = avslutat
value-delivered = levererat
value-returned = returnerat
value-linkedin = LinkedIn
value-x = X
value-facebook = Facebook
value-instagram = Instagram
value-mastodon = Mastodon
value-tiktok = TikTok
value-youtube = YouTube
value-blog = blogg
value-other = annat
value-post = inlägg
value-share = delning
value-article = artikel
value-school-visit = skolbesök
value-fair-visit = mässbesök
value-talk = föredrag
value-event = evenemang
value-kickoff = startutbildning
value-follow-up = fortsättningsutbildning
value-attended = deltog
value-absent = frånvarande
value-excused = förhindrad
value-not-recorded = inte antecknat
value-ambassador = Ambassadör
value-advocate = Förespråkare
value-thought-leader = Tankeledare
value-other-units = övriga enheter
value-ambassadors = ambassadörer
value-training-attendances = deltaganden i utbildningar
value-swag-delivered = produktpaket levererade
value-hashtag-posts = programmets inlägg
value-posts = programmets inlägg
value-shares = delningar
value-other-activities = övriga insatser
value-ambassadors-posting = ambassadörer som publicerat
value-people-enrolled = deltagare
value-trainings = utbildningar
value-points-earned = intjänade poäng
value-points-redeemed = inlösta poäng
value-feedback-responses = svar på enkäten
value-posts-on-linkedin = inlägg på LinkedIn
value-posts-on-x = inlägg på X
value-posts-on-facebook = inlägg på Facebook
value-posts-on-instagram = inlägg på Instagram
value-posts-on-mastodon = inlägg på Mastodon
value-posts-on-tiktok = inlägg på TikTok
value-posts-on-youtube = inlägg på YouTube
value-posts-on-blog = inlägg på blogg
value-posts-on-other = inlägg i andra kanaler
value-activities-share = insatser: delningar
value-activities-article = insatser: artiklar
value-activities-school-visit = insatser: skolbesök
value-activities-fair-visit = insatser: mässbesök
value-activities-talk = insatser: föredrag
value-activities-event = insatser: evenemang
value-activities-other = insatser: övriga
value-post-on-linkedin = inlägg på LinkedIn
value-share-on-linkedin = delning på LinkedIn
value-post-on-x = inlägg på X
value-share-on-x = delning på X
value-post-on-facebook = inlägg på Facebook
value-share-on-facebook = delning på Facebook
value-post-on-instagram = inlägg på Instagram
value-share-on-instagram = delning på Instagram
value-post-on-mastodon = inlägg på Mastodon
value-share-on-mastodon = delning på Mastodon
value-post-on-tiktok = inlägg på TikTok
value-share-on-tiktok = delning på TikTok
value-post-on-youtube = inlägg på YouTube
value-share-on-youtube = delning på YouTube

## Report fields, for headings and the label column of CSV (field-<key>, or field-<section>-<key> where a list gives a key its own meaning)

field-program = Program
field-start_date = Börjar
field-end_date = Slutar
field-status = Status
field-hashtags = Hashtaggar
field-participants = Deltagare
field-role = Roll
field-applied = Sökande
field-active = Aktiva
field-completed = Slutfört
field-withdrawn = Avbrutit
field-trainings = Utbildningar
field-title = Titel
field-date = Datum
field-kind = Typ
field-attended = Deltog
field-absent = Frånvarande
field-excused = Förhindrad
field-swag_delivered = Produktpaket levererade
field-swag_pending = Produktpaket ännu inte levererade
field-posts = Programmets inlägg
field-posts_by_channel = Inlägg per kanal
field-posts_by_month = Inlägg per månad
field-posts_by_unit = Inlägg per enhet
field-other_activities = Övrigt ambassadörsarbete
field-points_earned = Intjänade poäng
field-points_redeemed = Inlösta poäng
field-top_by_posts = Flest inlägg
field-top_by_points = Flest poäng
field-tiers = Vägen till tankeledarskap
field-tier = Nivå
field-ambassadors = Ambassadörer
field-feedback_responses = Svar på enkäten
field-feedback_average = Medelbetyg (1–5)
field-feedback_scores = Betyg
field-feedback_comments = Kommentarer
field-score = Betyg
field-responses = Svar
field-emv_estimate = Förtjänat medievärde (uppskattning)
field-emv_currency = Valuta
field-emv_rates_date = Priserna gäller från
field-emv_note = Så görs uppskattningen
field-emv_by_channel = Medievärde per kanal
field-channel = Kanal
field-impressions = Visningar
field-clicks = Klick
field-engagements = Engagemang
field-cpm = CPM
field-cpc = CPC
field-engagement = Per engagemang
field-value = Värde
field-kpis = Nyckeltal
field-name = Namn
field-note = Anmärkning
field-privacy_note = Integritet
field-id = Id
field-key = Post
field-count = Antal
field-person_id = Person-id
field-person = Person
field-unit = Enhet
field-rank = Placering
field-activities = Insatser
field-points = Poäng
field-posts_per_ambassador = Inlägg per ambassadör
field-email = E-post
field-balance = Poängsaldo
field-earned = Intjänat
field-redeemed = Inlöst
field-last_activity = Senaste aktivitet
field-trainings_attended = Deltagit i utbildningar
field-enrolments = Deltagande i program
field-program_id = Program-id
field-applied_on = Ansökte
field-enrolled_on = Antogs
field-ended_on = Slutade
field-consent_date = Samtycke givet
field-guidelines_version = Version av riktlinjerna
field-motivation = Motivering
field-withdraw_reason = Orsak till avbrott
field-swag = Produktpaket
field-package = Paket
field-delivered_on = Levererat
field-returned_on = Returnerat
field-linkedin = LinkedIn
field-x = X
field-facebook = Facebook
field-instagram = Instagram
field-mastodon = Mastodon
field-tiktok = TikTok
field-youtube = YouTube
field-blog = Blogg
field-year = År
field-previous_year = Föregående år
field-measures = Mått
field-measure = Mått
field-this_year = I år
field-change = Förändring
field-compared_with = Jämfört med
field-difference = Skillnad
field-ambassadors_posting = Ambassadörer som publicerat
field-people_enrolled = Deltagare
field-shares = Delningar
field-since = Från
field-until = Till
field-most_active = Mest aktiva
field-last_import = Egen export senast importerad
field-days_without_activity = Dagar utan aktivitet
field-days_since_import = Dagar sedan importen
field-quiet = Tyst
field-stale_export = Exporten föråldrad
field-first = Första värdet
field-latest = Senaste värdet
field-change_percent = Förändring (%)
field-values = Värden
field-change_from_previous = Förändring från föregående
field-change_from_start = Förändring från start
field-posts_by_channel-key = Kanal
field-posts_by_channel-count = Inlägg
field-posts_by_month-key = Månad
field-posts_by_month-count = Inlägg
field-posts_by_unit-key = Enhet
field-posts_by_unit-count = Inlägg
field-other_activities-key = Insats
field-activities-key = Insats
field-trainings-title = Utbildning
field-top_by_posts-value = Inlägg
field-top_by_points-value = Poäng
field-measures-program = Detta program
field-kpis-value = Värde
field-enrolments-program = Program
