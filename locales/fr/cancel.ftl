# Roundtable messages (fr): annuler une réunion (isolée ou d'une série) et défaire l'annulation. Keys here must exist in every language.

## State and notices

mt-cancelled-state = Annulée
mt-cancelled-heading = Cette réunion est annulée.
mt-cancelled-by = Annulée par { $name } le { $at }.
mt-cancelled-reason = Motif :
mt-window-cancelled = Annulée
mt-results-cancelled = Cette réunion a été annulée : ses bulletins ne sont pas dépouillés et il n'y a pas de résultats.

## Refusals

mt-cancelled-refused = Cette réunion a été annulée : les propositions, les bulletins et ses réglages ne peuvent plus être modifiés.
mt-cancel-already = Cette réunion est déjà annulée.
mt-cancel-tallied = Les bulletins de cette réunion ont déjà été dépouillés : elle ne peut plus être annulée.
mt-cancel-closed = Cette réunion a eu lieu et a été clôturée : elle ne peut plus être annulée.
mt-cancel-not-cancelled = Cette réunion n'est pas annulée.
mt-cancel-undo-past = L'heure de début de cette réunion est passée : son annulation ne peut plus être défaite.

## The leader's forms on the meeting page

mt-cancel-heading = Annuler cette réunion
mt-cancel-lead = Les membres voient le motif sur la page de la réunion. Les propositions et le vote s'arrêtent, aucune annonce ni aucun rappel n'est envoyé et les bulletins ne sont pas dépouillés.
mt-cancel-reason-label = Pourquoi est-elle annulée ?
mt-cancel-button = Annuler la réunion
mt-cancel-undo-heading = Défaire l'annulation
mt-cancel-undo-lead = La réunion n'a pas commencé : elle peut finalement avoir lieu. Les fenêtres fermées entre-temps restent fermées.
mt-cancel-undo-button = Défaire l'annulation

## Calendar feed

co-feed-cancelled = Annulée : { $title }
co-feed-cancelled-reason = Annulée. Motif : { $reason }
