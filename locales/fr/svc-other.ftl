# Roundtable messages (fr) written in Rust (svc-other): validation problems, conflicts, confirmations.

## Comptes

so-login-failed = Cette adresse e-mail et ce mot de passe ne correspondent à aucun compte.
so-email-has-account = Cette adresse e-mail a déjà un compte : connectez-vous d'abord, puis ouvrez à nouveau le lien d'invitation.
so-passwords-differ = Les deux nouveaux mots de passe sont différents.
so-not-current-password = Ce n'est pas votre mot de passe actuel.
so-choose-language = Choisissez l'une des langues proposées.

## Équipes et invitations

so-choose-member-or-leader = Choisissez membre ou responsable.
so-not-an-email = « { $address } » n'est pas une adresse e-mail.
so-too-many-addresses = Au plus { $max } adresses à la fois ({ $count } indiquées).
so-invite-no-mail = Ce site n'envoie pas d'e-mails : laissez les adresses vides et partagez le lien.
so-team-address-taken = Une autre équipe utilise déjà cette adresse ; choisissez-en une autre.
so-choose-team-member = Choisissez un membre de l'équipe.

## Actions

so-write-comment = Écrivez un commentaire.

## Registre d'entraide

so-thank-someone-else = Remerciez quelqu'un d'autre.
so-link-exchange-between-you = Liez un échange entre vous deux.
so-own-post = C'est votre propre annonce.
so-say-how-you-help = Dites comment vous pouvez aider ou ce que vous proposez.
so-date-format = Saisissez la date au format AAAA-MM-JJ.
so-choose-confirm-or-reject = Choisissez de confirmer ou de rejeter.
so-same-minutes = C'est le même nombre de minutes ; confirmez plutôt.
so-daily-limit-you = Cela ferait plus de 12 heures d'aide pour vous ce jour-là.
so-daily-limit-member = Cela ferait plus de 12 heures d'aide pour { $name } ce jour-là.
so-this-member = ce membre
so-choose-direction = Indiquez si vous avez donné ou reçu l'aide.
so-help-to-yourself = L'aide à soi-même n'est pas enregistrée ; choisissez quelqu'un d'autre.
so-post-not-in-team = Cette annonce d'aide n'appartient pas à cette équipe.

## Commentaires

so-comments-closed-proposals = Les commentaires sur les propositions ne sont ouverts que pendant la période de propositions : celle de cette réunion est close.
so-comments-item-closed = Ce point ne figure plus dans la liste des propositions ; il ne reçoit plus de nouveaux commentaires.
so-comments-closed-ideas = Les commentaires sur les idées ne sont ouverts que pendant la phase des idées, et ce tour de budget l'a dépassée.
so-comments-idea-withdrawn = Cette idée a été retirée par son auteur ; elle ne reçoit plus de nouveaux commentaires.
so-comment-hidden-by-leader = Masqué par un responsable : { $reason }
