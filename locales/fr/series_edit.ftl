# Roundtable messages (fr) : modifier une série récurrente, et les changements que fait le roulement quand quelqu'un est absent. Les clés ici doivent exister dans chaque langue.

rhe-edit = Modifier la série
rhe-title = Modifier { $title }
rhe-lead = Les heures sont dans le fuseau de l'équipe ({ $zone }). Les changements s'appliquent aux réunions de la série qui n'ont pas commencé : elles passent aux nouveaux jours et heures, gardent leurs rôles et prennent le nouveau titre, la nouvelle phrase d'objectif, la durée, le lieu et les fenêtres.
rhe-kept = Les réunions passées ou annulées, celles que quelqu'un a modifiées une à une et celles dont le vote est ouvert restent telles quelles.
rhe-save = Enregistrer les changements
rhe-back = Retour à la série
rh-swapped-away = { $role } réattribué : { $from } → { $to } ({ $from } est absent·e), par { $by }, { $date }
rh-swapped-back = { $role } rendu : { $from } → { $to } ({ $to } est de retour), par { $by }, { $date }
