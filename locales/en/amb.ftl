# amb's messages in English. Ids are the same in every language (a test checks it).
# Terms: see ../GLOSSARY.md.

## Programme report: title and subtitle

program-title = { $program }: results of the employee ambassador programme
program-period = Programme period { $since } – { $until }
program-period-open = Running since { $since }
program-hashtags = Programme hashtag: { $tags }
program-compared = Compared with the previous cohort: { $other }
change-vs-previous = { $change } on the previous cohort

## Programme report: headline figures

figure-ambassadors = Ambassadors
figure-posts = Programme posts
figure-reach = Reach (impressions)
figure-emv = Earned media value (estimate)
figure-emv-detail = what the same visibility would have cost as advertising
figure-attendance = Training attendance
figure-feedback = Participants' rating

## Counts: $n selects the plural form, $n_shown is the number as the reader writes it

count-employees =
    { $n ->
        [one] { $n_shown } employee
       *[other] { $n_shown } employees
    }
count-managers =
    { $n ->
        [one] { $n_shown } manager
       *[other] { $n_shown } managers
    }
count-ambassadors =
    { $n ->
        [one] { $n_shown } ambassador
       *[other] { $n_shown } ambassadors
    }
count-channels =
    { $n ->
        [one] on { $n_shown } channel
       *[other] on { $n_shown } channels
    }
count-engagements =
    { $n ->
        [one] { $n_shown } reaction, comment or share
       *[other] { $n_shown } reactions, comments and shares
    }
count-trainings =
    { $n ->
        [one] { $n_shown } training
       *[other] { $n_shown } trainings
    }
count-responses =
    { $n ->
        [one] { $n_shown } response
       *[other] { $n_shown } responses
    }
count-posts =
    { $n ->
        [one] { $n_shown } post
       *[other] { $n_shown } posts
    }
count-shares =
    { $n ->
        [one] { $n_shown } share
       *[other] { $n_shown } shares
    }
count-other-activities =
    { $n ->
        [one] { $n_shown } other activity
       *[other] { $n_shown } other activities
    }
count-trainings-held =
    { $n ->
        [one] { $n_shown } training held
       *[other] { $n_shown } trainings held
    }
count-points-earned =
    { $n ->
        [one] { $n_shown } point earned
       *[other] { $n_shown } points earned
    }
score-label = Score { $n_shown }

## Programme report: sections

section-posts-by-month = Programme posts per month
section-channels = Channels
section-units = Posts by unit
section-activities = Other ambassador work
section-trainings = Trainings
section-swag = Swag packages
section-tiers = The path to thought leadership
section-top = Most active ambassadors
section-kpis = The programme's key indicators
section-experiences = Experiences
section-comments = What the participants said
section-emv = How the media value is estimated
swag-delivered = Delivered
swag-pending = Still to deliver

## Programme report: notes

note-months-aligned = The previous cohort's bars stand beside the same month of its own programme (first month beside first month).
note-points = Points earned in all: { $earned }; redeemed for rewards: { $redeemed }.
note-feedback = The feedback survey received { $responses }; the average score is { $average } on a scale of 1 to 5.
note-feedback-hidden = Too few participants answered to show their scores without identifying them.
note-emv = Earned media value is an estimate of what the programme's visibility would have cost as advertising: impressions / 1,000 × CPM + clicks × CPC + engagements (reactions, comments and shares) × value per engagement, at the rates below ({ $currency }, valid from { $date }). Potential reach (followers) is not counted.
note-small-groups =
    { $n ->
        [one] Units and feedback figures from fewer than { $n_shown } person are merged or left out to protect privacy.
       *[other] Units and feedback figures from fewer than { $n_shown } people are merged or left out to protect privacy.
    }
note-nothing = Nothing to show.
note-no-kpis = No KPI values have been recorded yet (amb kpi add).
footer-made = Made with amb on { $date }.

## Table columns

column-channel = Channel
column-posts = Posts
column-share = Share of posts
column-impressions = Impressions
column-engagements = Engagements
column-emv = Media value (estimate)
column-training = Training
column-date = Date
column-attended = Attended
column-absent = Absent
column-excused = Excused
column-attendance-rate = Attendance rate
column-name = Name
column-unit = Unit
column-kpi = Indicator
column-before = Before
column-after = After
column-change = Change
column-first = First
column-latest = Latest
column-value = Value
column-change-previous = Change from previous
column-change-start = Change from start
column-note = Note
column-cpm = CPM (per 1,000 impressions)
column-cpc = CPC (per click)
column-per-engagement = Per engagement

## Report titles

kpi-title = Key indicators over time
kpi-title-program = { $program }: key indicators over time
title-health = Ambassadors who may be slipping away
title-leaderboard = Leaderboard
title-leaderboard-units = Units compared
title-person = { $name }: ambassador record
title-year = The year { $year }
title-digest = Ambassador digest

## The Teams digest

digest-title = Ambassadors { $since } – { $until }
digest-title-organisation = { $organisation }: ambassadors { $since } – { $until }
digest-posts = { $posts } by { $ambassadors }
digest-other = { $shares } and { $other } (visits, talks, articles …)
digest-most-active = Most active: { $names }
digest-thanks = Thank you, everyone!

## Months, short, as chart labels

month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec

## Values stored as identifiers, in the reader's words (value-<identifier>)

value-yes = yes
value-no = no
value-employee = employee
value-manager = manager
value-applied = applied
value-active = active
value-completed = completed
value-withdrawn = withdrawn
value-open = running
value-closed = closed
value-delivered = delivered
value-returned = returned
value-linkedin = LinkedIn
value-x = X
value-facebook = Facebook
value-instagram = Instagram
value-mastodon = Mastodon
value-tiktok = TikTok
value-youtube = YouTube
value-blog = blog
value-other = other
value-post = post
value-share = share
value-article = article
value-school-visit = school visit
value-fair-visit = fair visit
value-talk = talk
value-event = event
value-kickoff = kick-off
value-follow-up = follow-up
value-attended = attended
value-absent = absent
value-excused = excused
value-not-recorded = not recorded
value-ambassador = Ambassador
value-advocate = Advocate
value-thought-leader = Thought leader
value-other-units = other units
value-ambassadors = ambassadors
value-training-attendances = training attendances
value-swag-delivered = swag delivered
value-hashtag-posts = programme posts
value-posts = programme posts
value-shares = shares
value-other-activities = other activities
value-ambassadors-posting = ambassadors posting
value-people-enrolled = people enrolled
value-trainings = trainings
value-points-earned = points earned
value-points-redeemed = points redeemed
value-feedback-responses = feedback responses
value-posts-on-linkedin = posts on LinkedIn
value-posts-on-x = posts on X
value-posts-on-facebook = posts on Facebook
value-posts-on-instagram = posts on Instagram
value-posts-on-mastodon = posts on Mastodon
value-posts-on-tiktok = posts on TikTok
value-posts-on-youtube = posts on YouTube
value-posts-on-blog = posts on blog
value-posts-on-other = posts on other channels
value-activities-share = activities: shares
value-activities-article = activities: articles
value-activities-school-visit = activities: school visits
value-activities-fair-visit = activities: fair visits
value-activities-talk = activities: talks
value-activities-event = activities: events
value-activities-other = activities: other
value-post-on-linkedin = post on LinkedIn
value-share-on-linkedin = share on LinkedIn
value-post-on-x = post on X
value-share-on-x = share on X
value-post-on-facebook = post on Facebook
value-share-on-facebook = share on Facebook
value-post-on-instagram = post on Instagram
value-share-on-instagram = share on Instagram
value-post-on-mastodon = post on Mastodon
value-share-on-mastodon = share on Mastodon
value-post-on-tiktok = post on TikTok
value-share-on-tiktok = share on TikTok
value-post-on-youtube = post on YouTube
value-share-on-youtube = share on YouTube

## Report fields, for headings and the label column of CSV (field-<key>, or field-<section>-<key> where a list gives a key its own meaning)

field-program = Programme
field-start_date = Start
field-end_date = End
field-status = Status
field-hashtags = Hashtags
field-participants = Participants
field-role = Role
field-applied = Applied
field-active = Active
field-completed = Completed
field-withdrawn = Withdrawn
field-trainings = Trainings
field-title = Title
field-date = Date
field-kind = Kind
field-attended = Attended
field-absent = Absent
field-excused = Excused
field-swag_delivered = Swag packages delivered
field-swag_pending = Swag packages still to deliver
field-posts = Programme posts
field-posts_by_channel = Posts by channel
field-posts_by_month = Posts by month
field-posts_by_unit = Posts by unit
field-other_activities = Other ambassador work
field-points_earned = Points earned
field-points_redeemed = Points redeemed
field-top_by_posts = Most posts
field-top_by_points = Most points
field-tiers = The path to thought leadership
field-tier = Tier
field-ambassadors = Ambassadors
field-feedback_responses = Feedback responses
field-feedback_average = Average score (1–5)
field-feedback_scores = Scores
field-feedback_comments = Comments
field-score = Score
field-responses = Responses
field-emv_estimate = Earned media value (estimate)
field-emv_currency = Currency
field-emv_rates_date = Rates valid from
field-emv_note = How the estimate is made
field-emv_by_channel = Media value by channel
field-channel = Channel
field-impressions = Impressions
field-clicks = Clicks
field-engagements = Engagements
field-cpm = CPM
field-cpc = CPC
field-engagement = Per engagement
field-value = Value
field-kpis = Key indicators
field-name = Name
field-note = Note
field-privacy_note = Privacy
field-id = Id
field-key = Item
field-count = Count
field-person_id = Person id
field-person = Person
field-unit = Unit
field-rank = Rank
field-activities = Activities
field-points = Points
field-posts_per_ambassador = Posts per ambassador
field-email = E-mail
field-balance = Balance
field-earned = Earned
field-redeemed = Redeemed
field-last_activity = Last activity
field-trainings_attended = Trainings attended
field-enrolments = Enrolments
field-program_id = Programme id
field-applied_on = Applied on
field-enrolled_on = Enrolled on
field-ended_on = Ended on
field-consent_date = Consent given
field-guidelines_version = Guidelines version
field-motivation = Motivation
field-withdraw_reason = Reason for leaving
field-swag = Swag packages
field-package = Package
field-delivered_on = Delivered on
field-returned_on = Returned on
field-linkedin = LinkedIn
field-x = X
field-facebook = Facebook
field-instagram = Instagram
field-mastodon = Mastodon
field-tiktok = TikTok
field-youtube = YouTube
field-blog = Blog
field-year = Year
field-previous_year = Previous year
field-measures = Measures
field-measure = Measure
field-this_year = This year
field-change = Change
field-compared_with = Compared with
field-difference = Difference
field-ambassadors_posting = Ambassadors posting
field-people_enrolled = People enrolled
field-shares = Shares
field-since = From
field-until = Until
field-most_active = Most active
field-last_import = Last own export imported
field-days_without_activity = Days without activity
field-days_since_import = Days since the import
field-quiet = Quiet
field-stale_export = Export out of date
field-first = First value
field-latest = Latest value
field-change_percent = Change (%)
field-values = Values
field-change_from_previous = Change from previous
field-change_from_start = Change from start
field-posts_by_channel-key = Channel
field-posts_by_channel-count = Posts
field-posts_by_month-key = Month
field-posts_by_month-count = Posts
field-posts_by_unit-key = Unit
field-posts_by_unit-count = Posts
field-other_activities-key = Activity
field-activities-key = Activity
field-trainings-title = Training
field-top_by_posts-value = Posts
field-top_by_points-value = Points
field-measures-program = This programme
field-kpis-value = Value
field-enrolments-program = Programme
