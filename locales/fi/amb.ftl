# amb:n viestit suomeksi. Tunnisteet ovat samat kaikilla kielillä (testi tarkistaa).
# Termit: ../GLOSSARY.md.

## Programme report: title and subtitle

program-title = { $program }: työntekijälähettiläsohjelman tulokset
program-period = Ohjelmakausi { $since }–{ $until }
program-period-open = Käynnissä { $since } alkaen
program-hashtags = Ohjelman aihetunniste: { $tags }
program-compared = Vertailukohtana edellinen ohjelma: { $other }
change-vs-previous = { $change } edelliseen verrattuna

## Programme report: headline figures

figure-ambassadors = Lähettiläät
figure-posts = Ohjelman julkaisut
figure-reach = Näkyvyys (näyttökerrat)
figure-emv = Ansaitun median arvo (arvio)
figure-emv-detail = mitä sama näkyvyys olisi maksanut mainontana
figure-attendance = Koulutusten osallistumisaste
figure-feedback = Osallistujien arvio

## Counts: $n selects the plural form, $n_shown is the number as the reader writes it

count-employees =
    { $n ->
        [one] { $n_shown } työntekijä
       *[other] { $n_shown } työntekijää
    }
count-managers =
    { $n ->
        [one] { $n_shown } esihenkilö
       *[other] { $n_shown } esihenkilöä
    }
count-ambassadors =
    { $n ->
        [one] { $n_shown } lähettiläs
       *[other] { $n_shown } lähettilästä
    }
count-channels =
    { $n ->
        [one] { $n_shown } kanavassa
       *[other] { $n_shown } kanavassa
    }
count-engagements =
    { $n ->
        [one] { $n_shown } reaktio, kommentti tai jako
       *[other] { $n_shown } reaktiota, kommenttia ja jakoa
    }
count-trainings =
    { $n ->
        [one] { $n_shown } koulutus
       *[other] { $n_shown } koulutusta
    }
count-responses =
    { $n ->
        [one] { $n_shown } vastaus
       *[other] { $n_shown } vastausta
    }
count-posts =
    { $n ->
        [one] { $n_shown } julkaisu
       *[other] { $n_shown } julkaisua
    }
count-shares =
    { $n ->
        [one] { $n_shown } jako
       *[other] { $n_shown } jakoa
    }
count-other-activities =
    { $n ->
        [one] { $n_shown } muu lähettilästehtävä
       *[other] { $n_shown } muuta lähettilästehtävää
    }
count-trainings-held =
    { $n ->
        [one] Pidettiin { $n_shown } koulutus
       *[other] Pidettiin { $n_shown } koulutusta
    }
count-points-earned =
    { $n ->
        [one] Ansaittiin { $n_shown } piste
       *[other] Ansaittiin { $n_shown } pistettä
    }
score-label = Arvosana { $n_shown }

## Programme report: sections

section-posts-by-month = Ohjelman julkaisut kuukausittain
section-channels = Kanavat
section-units = Julkaisut yksiköittäin
section-activities = Muu lähettilästyö
section-trainings = Koulutukset
section-swag = Lähettiläiden tuotepaketit
section-tiers = Polku ajatusjohtajuuteen
section-top = Aktiivisimmat lähettiläät
section-kpis = Tavoitemittarit
section-experiences = Kokemukset
section-comments = Osallistujien kommentteja
section-emv = Näin median arvo on arvioitu
swag-delivered = Toimitettu
swag-pending = Vielä toimittamatta

## Programme report: notes

note-months-aligned = Edellisen ohjelman pylväät ovat sen oman ohjelmakauden vastaavan kuukauden kohdalla (ensimmäinen kuukausi ensimmäisen rinnalla).
note-points = Pisteitä ansaittiin yhteensä { $earned }, ja palkintoihin niitä käytettiin { $redeemed }.
note-feedback = Palautekyselyyn saatiin { $responses }; arvosanojen keskiarvo on { $average } asteikolla 1–5.
note-feedback-hidden = Vastaajia oli niin vähän, ettei tuloksia voi näyttää yksittäisiä vastaajia paljastamatta.
note-emv = Ansaitun median arvo on arvio siitä, mitä ohjelman tuoma näkyvyys olisi maksanut mainontana: näyttökerrat / 1 000 × CPM + klikkaukset × CPC + sitoutumiset (reaktiot, kommentit ja jaot) × sitoutumisen arvo alla olevin hinnoin ({ $currency }, voimassa { $date } alkaen). Potentiaalista tavoittavuutta (seuraajamääriä) ei lasketa mukaan.
note-small-groups =
    { $n ->
        [one] Alle { $n_shown } hengen yksiköt ja palauteluvut on yhdistetty tai jätetty pois yksityisyyden suojaamiseksi.
       *[other] Alle { $n_shown } hengen yksiköt ja palauteluvut on yhdistetty tai jätetty pois yksityisyyden suojaamiseksi.
    }
note-nothing = Ei näytettävää.
note-no-kpis = Mittareiden arvoja ei ole vielä kirjattu (amb kpi add).
footer-made = Raportti laadittu { $date } amb-työkalulla.

## Table columns

column-channel = Kanava
column-posts = Julkaisut
column-share = Osuus julkaisuista
column-impressions = Näyttökerrat
column-engagements = Sitoutumiset
column-emv = Median arvo (arvio)
column-training = Koulutus
column-date = Päivämäärä
column-attended = Osallistui
column-absent = Poissa
column-excused = Estynyt
column-attendance-rate = Osallistumisaste
column-name = Nimi
column-unit = Yksikkö
column-kpi = Mittari
column-before = Ennen
column-after = Jälkeen
column-change = Muutos
column-first = Ensimmäinen
column-latest = Viimeisin
column-value = Arvo
column-change-previous = Muutos edellisestä
column-change-start = Muutos alusta
column-note = Huomautus
column-cpm = CPM (1 000 näyttökertaa)
column-cpc = CPC (klikkaus)
column-per-engagement = Sitoutuminen

## Report titles

kpi-title = Tavoitemittareiden kehitys
kpi-title-program = { $program }: tavoitemittareiden kehitys
title-health = Hiljentyneet lähettiläät
title-leaderboard = Aktiivisimmat lähettiläät
title-leaderboard-units = Yksiköiden vertailu
title-person = { $name }: lähettilään tiedot
title-year = Vuosi { $year }
title-digest = Lähettiläskatsaus

## The Teams digest

digest-title = Lähettiläskatsaus { $since }–{ $until }
digest-title-organisation = { $organisation }: lähettiläskatsaus { $since }–{ $until }
digest-posts = { $ambassadors } teki { $posts }
digest-other = { $shares } ja { $other } (vierailut, puheenvuorot, artikkelit …)
digest-most-active = Aktiivisimmat: { $names }
digest-thanks = Kiitos kaikille!

## Months, short, as chart labels

month-1 = tammi
month-2 = helmi
month-3 = maalis
month-4 = huhti
month-5 = touko
month-6 = kesä
month-7 = heinä
month-8 = elo
month-9 = syys
month-10 = loka
month-11 = marras
month-12 = joulu

## Values stored as identifiers, in the reader's words (value-<identifier>)

value-yes = kyllä
value-no = ei
value-employee = työntekijä
value-manager = esihenkilö
value-applied = hakenut
value-active = aktiivinen
value-completed = suorittanut
value-withdrawn = keskeyttänyt
value-open = käynnissä
value-closed = päättynyt
value-delivered = toimitettu
value-returned = palautettu
value-linkedin = LinkedIn
value-x = X
value-facebook = Facebook
value-instagram = Instagram
value-mastodon = Mastodon
value-tiktok = TikTok
value-youtube = YouTube
value-blog = blogi
value-other = muu
value-post = julkaisu
value-share = jako
value-article = artikkeli
value-school-visit = kouluvierailu
value-fair-visit = messuvierailu
value-talk = puheenvuoro
value-event = tapahtuma
value-kickoff = aloituskoulutus
value-follow-up = jatkokoulutus
value-attended = osallistui
value-absent = poissa
value-excused = estynyt
value-not-recorded = ei merkitty
value-ambassador = Lähettiläs
value-advocate = Puolestapuhuja
value-thought-leader = Ajatusjohtaja
value-other-units = muut yksiköt
value-ambassadors = lähettiläät
value-training-attendances = koulutusosallistumiset
value-swag-delivered = tuotepaketteja toimitettu
value-hashtag-posts = ohjelman julkaisut
value-posts = ohjelman julkaisut
value-shares = jaot
value-other-activities = muu lähettilästyö
value-ambassadors-posting = julkaisseet lähettiläät
value-people-enrolled = mukana olleet henkilöt
value-trainings = koulutukset
value-points-earned = ansaitut pisteet
value-points-redeemed = käytetyt pisteet
value-feedback-responses = palautteet
value-posts-on-linkedin = julkaisut: LinkedIn
value-posts-on-x = julkaisut: X
value-posts-on-facebook = julkaisut: Facebook
value-posts-on-instagram = julkaisut: Instagram
value-posts-on-mastodon = julkaisut: Mastodon
value-posts-on-tiktok = julkaisut: TikTok
value-posts-on-youtube = julkaisut: YouTube
value-posts-on-blog = julkaisut blogissa
value-posts-on-other = julkaisut muissa kanavissa
value-activities-share = lähettilästyö: jaot
value-activities-article = lähettilästyö: artikkelit
value-activities-school-visit = lähettilästyö: kouluvierailut
value-activities-fair-visit = lähettilästyö: messuvierailut
value-activities-talk = lähettilästyö: puheenvuorot
value-activities-event = lähettilästyö: tapahtumat
value-activities-other = lähettilästyö: muut
value-post-on-linkedin = julkaisu: LinkedIn
value-share-on-linkedin = jako: LinkedIn
value-post-on-x = julkaisu: X
value-share-on-x = jako: X
value-post-on-facebook = julkaisu: Facebook
value-share-on-facebook = jako: Facebook
value-post-on-instagram = julkaisu: Instagram
value-share-on-instagram = jako: Instagram
value-post-on-mastodon = julkaisu: Mastodon
value-share-on-mastodon = jako: Mastodon
value-post-on-tiktok = julkaisu: TikTok
value-share-on-tiktok = jako: TikTok
value-post-on-youtube = julkaisu: YouTube
value-share-on-youtube = jako: YouTube

## Report fields, for headings and the label column of CSV (field-<key>, or field-<section>-<key> where a list gives a key its own meaning)

field-program = Ohjelma
field-start_date = Alkaa
field-end_date = Päättyy
field-status = Tila
field-hashtags = Aihetunnisteet
field-participants = Osallistujat
field-role = Rooli
field-applied = Hakeneet
field-active = Aktiiviset
field-completed = Suorittaneet
field-withdrawn = Keskeyttäneet
field-trainings = Koulutukset
field-title = Nimike
field-date = Päivämäärä
field-kind = Laji
field-attended = Osallistui
field-absent = Poissa
field-excused = Estynyt
field-swag_delivered = Tuotepaketteja toimitettu
field-swag_pending = Tuotepaketteja toimittamatta
field-posts = Ohjelman julkaisut
field-posts_by_channel = Julkaisut kanavittain
field-posts_by_month = Julkaisut kuukausittain
field-posts_by_unit = Julkaisut yksiköittäin
field-other_activities = Muu lähettilästyö
field-points_earned = Ansaitut pisteet
field-points_redeemed = Käytetyt pisteet
field-top_by_posts = Eniten julkaisuja
field-top_by_points = Eniten pisteitä
field-tiers = Polku ajatusjohtajuuteen
field-tier = Taso
field-ambassadors = Lähettiläät
field-feedback_responses = Palautteita
field-feedback_average = Arvosanojen keskiarvo (1–5)
field-feedback_scores = Arvosanat
field-feedback_comments = Kommentit
field-score = Arvosana
field-responses = Vastauksia
field-emv_estimate = Ansaitun median arvo (arvio)
field-emv_currency = Valuutta
field-emv_rates_date = Hinnat voimassa alkaen
field-emv_note = Arvion laskutapa
field-emv_by_channel = Median arvo kanavittain
field-channel = Kanava
field-impressions = Näyttökerrat
field-clicks = Klikkaukset
field-engagements = Sitoutumiset
field-cpm = CPM
field-cpc = CPC
field-engagement = Sitoutumisen arvo
field-value = Arvo
field-kpis = Tavoitemittarit
field-name = Nimi
field-note = Huomautus
field-privacy_note = Tietosuoja
field-id = Tunniste
field-key = Kohde
field-count = Määrä
field-person_id = Henkilön tunniste
field-person = Henkilö
field-unit = Yksikkö
field-rank = Sija
field-activities = Lähettilästyö
field-points = Pisteet
field-posts_per_ambassador = Julkaisuja lähettilästä kohden
field-email = Sähköposti
field-balance = Pistesaldo
field-earned = Ansaittu
field-redeemed = Käytetty
field-last_activity = Viimeisin toiminta
field-trainings_attended = Koulutuksiin osallistunut
field-enrolments = Ohjelmiin osallistuminen
field-program_id = Ohjelman tunniste
field-applied_on = Haki
field-enrolled_on = Mukaan
field-ended_on = Päättyi
field-consent_date = Suostumus annettu
field-guidelines_version = Somelinjausten versio
field-motivation = Perustelut
field-withdraw_reason = Keskeyttämisen syy
field-swag = Tuotepaketit
field-package = Paketti
field-delivered_on = Toimitettu
field-returned_on = Palautettu
field-linkedin = LinkedIn
field-x = X
field-facebook = Facebook
field-instagram = Instagram
field-mastodon = Mastodon
field-tiktok = TikTok
field-youtube = YouTube
field-blog = Blogi
field-year = Vuosi
field-previous_year = Edellinen vuosi
field-measures = Luvut
field-measure = Mittari
field-this_year = Tämä vuosi
field-change = Muutos
field-compared_with = Vertailukohta
field-difference = Ero
field-ambassadors_posting = Julkaisseet lähettiläät
field-people_enrolled = Mukana olleet henkilöt
field-shares = Jaot
field-since = Alkaen
field-until = Asti
field-most_active = Aktiivisimmat
field-last_import = Oma data tuotu viimeksi
field-days_without_activity = Päiviä ilman toimintaa
field-days_since_import = Päiviä tuonnista
field-quiet = Hiljainen
field-stale_export = Data vanhentunut
field-first = Ensimmäinen arvo
field-latest = Viimeisin arvo
field-change_percent = Muutos (%)
field-values = Arvot
field-change_from_previous = Muutos edellisestä
field-change_from_start = Muutos alusta
field-posts_by_channel-key = Kanava
field-posts_by_channel-count = Julkaisut
field-posts_by_month-key = Kuukausi
field-posts_by_month-count = Julkaisut
field-posts_by_unit-key = Yksikkö
field-posts_by_unit-count = Julkaisut
field-other_activities-key = Tehtävä
field-activities-key = Tehtävä
field-trainings-title = Koulutus
field-top_by_posts-value = Julkaisut
field-top_by_points-value = Pisteet
field-measures-program = Tämä ohjelma
field-kpis-value = Arvo
field-enrolments-program = Ohjelma
