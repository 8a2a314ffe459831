# Roundtable messages (en): editing a recurring series, and the rota's own changes when someone is away. Keys here must exist in every language.

rhe-edit = Edit the series
rhe-title = Edit { $title }
rhe-lead = Times are in the team's time zone ({ $zone }). The changes apply to the meetings of the series that have not started: they move to the new days and times, keep their roles, and take the new title, purpose line, budget, place and windows.
rhe-kept = Past and cancelled meetings, meetings someone edited on their own, and meetings whose voting has opened stay as they are.
rhe-save = Save the changes
rhe-back = Back to the series
rh-swapped-away = { $role } reassigned: { $from } → { $to } ({ $from } is away), by { $by }, { $date }
rh-swapped-back = { $role } given back: { $from } → { $to } ({ $to } is back), by { $by }, { $date }
