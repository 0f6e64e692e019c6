"""French sentences of the review cycle: subscriptions, reminders, milestones."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "review.label": (
        "{number:ordinal:=1=Premier examen|=2=Deuxième examen|=3=Troisième examen|"
        "=4=Quatrième examen|=5=Cinquième examen|=6=Sixième examen|=7=Septième examen|"
        "=8=Huitième examen|=9=Neuvième examen|=10=Dixième examen|=11=Onzième examen|"
        "=12=Douzième examen|one=#er examen|other=#e examen}"
    ),
    "review.name": (
        "{number:ordinal:=1=Premier examen|=2=Deuxième examen|=3=Troisième examen|"
        "=4=Quatrième examen|=5=Cinquième examen|=6=Sixième examen|=7=Septième examen|"
        "=8=Huitième examen|=9=Neuvième examen|=10=Dixième examen|=11=Onzième examen|"
        "=12=Douzième examen|one=#er examen|other=#e examen}"
    ),
    "review.label_adoption": "Adoption de la Stratégie",
    "review.gap_years": (
        "{years:plural:=1=un|=2=deux|=3=trois|=4=quatre|=5=cinq|=6=six|one=#|many=#|other=#}"
    ),
    # the cycle
    "review.heading": "Le cycle d’examen de la Stratégie",
    "review.cadence": (
        "L’Assemblée générale des Nations Unies examine la Stratégie antiterroriste mondiale tous "
        "les {every:list:or} ans. Le Bureau de lutte contre le terrorisme de l’ONU indique "
        "« usually every "
        "two years » (généralement tous les deux ans), et il en a été ainsi de {start} à {end} ; "
        "depuis lors : {later:list}."
    ),
    "review.cadence_gap": "{year} ({gap} ans après {after} : {why})",
    "review.cadence_no_reason": "les sources consultées n’en donnent pas la raison",
    "review.cadence_since_none": "le même rythme",
    "review.last": "Dernier examen",
    "review.last_value": "{label}, adopté le {date} ({resolution})",
    "review.no_resolution": "numéro de résolution introuvable dans les sources",
    "review.next": "Prochain examen",
    "review.next_none": "pas encore inscrit au calendrier",
    "review.next_value": "{title}, {when}",
    "review.days_to_go": "Jours restants",
    "review.days_value": "{days}",
    "review.days_value_about": "environ {days} (la date n’est pas connue au jour près)",
    "review.days_today": "aujourd’hui",
    "review.upcoming": "Prochaines étapes",
    "review.upcoming_none": "Aucune étape à venir n’est inscrite au calendrier.",
    "review.milestone_item": "#{id} {when} — {title}",
    "review.when_expected": "{when} (date estimée)",
    "review.when_at": "{date}, {time} ({tz})",
    "review.when_at_utc": "{date}, {time} UTC",
    "review.source_added_by": "ajouté par {name}",
    "review.source_confirmed_by": "confirmé par {name}",
    "review.expected_note": (
        "« Date estimée » signifie qu’aucune source ne donne encore la date : on retient le délai "
        "habituel de deux ans après le dernier examen."
    ),
    "review.status_footer": (
        "Tapez review history pour voir tous les examens, subscribe pour recevoir des rappels, "
        "calendar pour obtenir un fichier .ics."
    ),
    "review.history_heading": "Tous les examens de la Stratégie à ce jour",
    "review.history_item": "{label} : {date}, {resolution}{note}.",
    "review.history_source": "Source : {source}.",
    "review.history_footer": (
        "Un examen comprend généralement {steps}. (Schéma tiré de {source}.) Sources : "
        "{strategy_source}, et celles indiquées."
    ),
    "review.bad_sub": "Je connais review et review history. Essayez : review history",
    "review.source": "Source : {source}.",
    # reminders
    "review.reminder_heading": "Rappel du cycle d’examen",
    "review.reminder_today": "Aujourd’hui : {title}, {when}.",
    "review.reminder_ahead": (
        "Dans {ahead:plural:one=# jour|many=# jours|other=# jours} : {title}, {when}."
    ),
    "review.reminder_tomorrow": "Demain : {title}, {when}.",
    "review.reminder_month": "À venir ({lead}) : {title}, {when}.",
    "review.reminder_month_now": "Ce mois-ci : {title}, {when}.",
    "review.reminder_late": (
        "Ce rappel arrive en retard : il était prévu plus tôt ({lead}), alors que le bot ne "
        "fonctionnait pas."
    ),
    "review.reminder_delivered_late": (
        "Ce rappel arrive en retard : il était prévu le {when} ({lead}), mais la plateforme de "
        "messagerie n’a pu le recevoir que maintenant."
    ),
    "review.reminder_expected_note": (
        "Cette date est estimée, non confirmée : aucune source ne l’a encore fixée."
    ),
    "review.reminder_footer": (
        "Tapez subscriptions pour voir les rappels de cette conversation, ou unsubscribe pour les "
        "arrêter."
    ),
    # lead times
    "review.lead_day_of": "le jour même",
    "review.lead_one_day": "1 jour avant",
    "review.lead_days": "{days:plural:one=# jour|many=# jours|other=# jours} avant",
    "review.lead_month_of": "au début du mois",
    "review.lead_months": "{months:plural:one=# mois|many=# mois|other=# mois} avant",
    "review.lead_weeks": (
        "{weeks:plural:one=# semaine|many=# semaines|other=# semaines} "
        "({days:plural:one=# jour|many=# jours|other=# jours}) avant"
    ),
    # subscribing
    "review.bad_tz": (
        "Je ne connais pas le fuseau horaire « {tz} ». Utilisez un nom tel que Europe/Vienna, "
        "America/New_York ou UTC."
    ),
    "review.tz_abbreviation": (
        "« {tz} » est une abréviation, pas un lieu : elle désigne un décalage horaire qui change "
        "avec l’heure d’été et ne renvoie pas aux mêmes lieux pour tout le monde. Utilisez le "
        "fuseau d’un lieu, comme {zones} : subscribe tz {first}"
    ),
    "review.bad_time": (
        "« {time} » n’est pas une heure ; utilisez le format 24 heures HH:MM, par exemple at 09:00."
    ),
    "review.bad_lead": (
        "« {lead} » n’est pas un délai de rappel. Indiquez des jours ou des semaines, par exemple "
        "90d 30d 7d 1d ou 2w ; 0d correspond au jour même."
    ),
    "review.lead_too_long": "Un délai de {lead} est trop long : {limit} jours au maximum.",
    "review.option_needs_value": (
        "{option} nécessite une valeur, par exemple tz Europe/Vienna ou at 09:00."
    ),
    "review.too_many_leads": "{limit} délais de rappel au maximum, s’il vous plaît.",
    "review.subscribe_not_allowed": (
        "Seul un administrateur de la coalition ou un administrateur de cette conversation peut "
        "modifier ses rappels."
    ),
    "review.subscribed": (
        "Abonnement enregistré. Cette conversation recevra un rappel pour chaque étape : {leads}, "
        "à {at} ({tz})."
    ),
    "review.resubscribed": (
        "Abonnement mis à jour. Cette conversation recevra un rappel pour chaque étape : {leads}, "
        "à {at} ({tz})."
    ),
    "review.next_reminder": "Prochain rappel",
    "review.next_reminder_value": "{when} — {title}, {lead}",
    "review.no_next_reminder": "aucun : pas d’étape à venir dans le calendrier",
    "review.passed_leads": (
        "{title} : trop tard pour les rappels {leads}. Ces moments sont passés ; ces rappels ne "
        "seront donc pas envoyés."
    ),
    "review.updated": "Abonnement mis à jour : {changed}. Inchangé : {kept}.",
    "review.updated_nothing": (
        "Abonnement inchangé : {leads}, à {at} ({tz}). Indiquez des délais, tz ou at pour modifier "
        "l’un de ces réglages ; les autres restent tels quels."
    ),
    "review.part_leads": "rappels {leads}",
    "review.part_at": "à {at}",
    "review.part_tz": "fuseau horaire {tz}",
    "review.unsubscribed_undo": (
        "Désabonné. Ce chat ne recevra plus de rappels du cycle d’examen. Vous avez changé "
        "d’avis ? Appuyez sur Annuler pour les recevoir à nouveau comme avant."
    ),
    "review.change_what": (
        "Que faut-il changer dans les rappels ? Les délais (par exemple « une semaine avant et "
        "le jour même »), l’heure (« à 10:00 ») ou le fuseau horaire (« heure de Vienne », "
        "« America/New_York ») ; le reste ne change pas."
    ),
    "review.change_none": (
        "Ce chat n’a pas encore de rappels : il n’y a rien à changer. S’abonner avec "
        "{what} ? Le reste prend les valeurs par défaut."
    ),
    "review.change_none_button": "S’abonner",
    "review.undo_button": "Annuler",
    "review.unsubscribed": (
        "Désabonnement effectué. Cette conversation ne recevra plus de rappels du cycle d’examen."
    ),
    "review.not_subscribed": (
        "Cette conversation n’a aucun rappel. Tapez subscribe pour les réglages par défaut (30, 7 "
        "et 1 jour avant chaque étape, et le jour même, à 09:00 UTC), ou par exemple : subscribe "
        "90d 30d 7d tz Europe/Vienna at 08:30"
    ),
    "review.subs_heading": "Rappels de cette conversation",
    "review.subs_leads": "Quand",
    "review.subs_time": "Heure",
    "review.subs_time_value": "{time} ({tz})",
    "review.subs_status": "État",
    "review.subs_active": "actif depuis le {since}",
    "review.subs_paused": "suspendu depuis le {since} : {reason}. Tapez subscribe pour reprendre.",
    "review.subs_coming": "À venir",
    # calendar
    "review.calendar_subscribe": (
        "Abonnez-vous au cycle d’examen : {webcal} ouvre votre application d’agenda, qui tient "
        "ensuite à jour d’elle-même les examens et les étapes."
    ),
    "review.calendar_subscribe_https": (
        "Google Agenda : Autres agendas › À partir de l’URL, puis collez {url}. Outlook : Ajouter "
        "un calendrier › S’abonner à partir du web, avec la même adresse."
    ),
    "review.calendar_body": (
        "Le cycle d’examen sous forme de fichier d’agenda ("
        "{events:plural:one=# événement|many=# événements|other=# événements} : tous les examens à "
        "ce jour et les étapes inscrites au calendrier). Les dates qu’aucune source ne donne sont "
        "marquées « date estimée »."
    ),
    "review.ics_strategy_summary": (
        "Adoption de la Stratégie antiterroriste mondiale des Nations Unies ({resolution})"
    ),
    "review.ics_expected": (
        "Date estimée, non confirmée : aucune source ne donne encore cette date."
    ),
    "review.ics_expected_summary": "{title} (date estimée)",
    "review.cli_expected": "{title} (date estimée)",
    "review.ics_month": "Dans le courant de {month} ; le jour n’est pas connu.",
    "review.ics_review_summary": (
        "{label} de la Stratégie antiterroriste mondiale des Nations Unies ({resolution})"
    ),
    # milestone admin
    "review.milestone_usage": (
        "Essayez milestone add 2027-03-15 Appel à contributions, milestone confirm 3, milestone "
        "move 3 2027-03-20, milestone remove 3 ou milestone list."
    ),
    "review.milestone_bad_date": (
        "« {value} » n’est pas une date. Utilisez AAAA-MM-JJ, par exemple 2027-03-15, ou AAAA-MM "
        "pour un mois."
    ),
    "review.milestone_no_title": (
        "Quelle est l’étape ? Par exemple : milestone add 2027-03-15 Appel à contributions"
    ),
    "review.milestone_title_long": "Ce titre est trop long : {limit} caractères au maximum.",
    "review.milestone_bad_number": (
        "« {value} » n’est pas un numéro d’étape ; milestone list les affiche."
    ),
    "review.milestone_missing": "Il n’existe pas d’étape #{id} ; milestone list les affiche.",
    "review.milestone_added": "Étape #{id} ajoutée : {when} — {title}.",
    "review.milestone_confirmed": "Étape #{id} confirmée : {when} — {title}.",
    "review.milestone_moved": "Étape #{id} déplacée au {when} — {title}.",
    "review.milestone_removed": "Étape #{id} supprimée : {title}.",
    "review.milestone_list_heading": "Étapes",
    "review.milestone_list_item": "#{id} {when} — {title} [{status}]",
    "review.milestone_list_none": "Aucune étape.",
    "review.milestone_told_none": "Aucune conversation abonnée à informer.",
    "review.milestone_told_no_news": (
        "Rien de ce que voient les abonnés n’a changé ; aucune conversation n’est donc informée."
    ),
    "review.milestone_told": (
        "{count:plural:one=# conversation abonnée sera informée|"
        "many=# conversations abonnées seront informées|"
        "other=# conversations abonnées seront informées}."
    ),
    # what subscribed chats are told when the calendar changes
    "review.notice_heading": "Mise à jour du calendrier du cycle d’examen",
    "review.notice_added": "Nouvelle étape : {title}, {when}.",
    "review.notice_moved": "{title} : la date passe du {old} au {when}.",
    "review.notice_confirmed": "{title} : date confirmée, le {when}.",
    "review.notice_removed": "{title} ({when}) ne figure plus au calendrier.",
    "review.notice_expected": (
        "La date est estimée, non confirmée : aucune source ne l’a encore fixée."
    ),
    "review.notice_is_confirmed": "La date est confirmée.",
    "review.notice_follow": "Les rappels de cette conversation suivent cette date.",
    "review.notice_follow_new": "Les rappels de cette conversation suivent la nouvelle date.",
    "review.notice_no_reminders": "Cette conversation ne recevra aucun rappel pour cette étape.",
    # the outbox's notices
    "review.gone_heading": "Une conversation n’accepte plus de messages",
    "review.gone_body": (
        "{platform} indique que la conversation {chat} n’acceptera plus de messages du bot."
    ),
    "review.gone_paused": (
        "Ses abonnements aux rappels ont été suspendus ({count:,}). Un nouvel abonnement les "
        "réactivera."
    ),
    # the command line
    "review.cli_bad_moment": (
        "« {value} » n’est pas un instant au format ISO 8601, par exemple 2028-05-01T09:00Z"
    ),
    "review.cli_due_heading": "Rappels dus du {start} au {end} (simulation ; rien n’est envoyé) :",
    "review.cli_already_queued": "  [déjà en file d’attente]",
    "review.cli_due_count": "{count:plural:one=# rappel|many=# rappels|other=# rappels}.",
    "review.cli_scan_state": (
        "L’examen des échéances couvre la période jusqu’au {until} ; "
        "{skipped:plural:one=# rappel a été ignoré|many=# rappels ont été ignorés|"
        "other=# rappels ont été ignorés} jusqu’ici (manqués au-delà du délai de grâce)."
    ),
    "review.cli_outbox_empty": "Aucun message ({status}).",
    "review.cli_outbox_counts": (
        "{platform} : {pending:,} en attente, {sending:,} en cours d’envoi, "
        "{sent:,} envoyés, {dead:,} abandonnés, {skipped:,} ignorés, {held:,} retenus"
    ),
    "review.cli_outbox_oldest": "; le plus ancien attend depuis {age}",
    "review.cli_retry_usage": "Indiquez un identifiant de message, ou --all-dead.",
    "review.cli_retry_none": (
        "Le message {id} est {status}, ni abandonné ni ignoré : il n’y a rien à renvoyer."
    ),
    "review.cli_retry_no_such": (
        "Il n’y a pas de message {id} dans la file d’envoi (voir outbox list)."
    ),
    "review.cli_bad_hours": (
        "« {value} » n’est pas un nombre d’heures égal ou supérieur à 0, par exemple 24"
    ),
    "review.cli_bad_limit": "« {value} » n’est pas un nombre égal ou supérieur à 1, par exemple 50",
    "review.cli_retried": (
        "{count:plural:one=# message sera renvoyé|many=# messages seront renvoyés|"
        "other=# messages seront renvoyés}."
    ),
}
