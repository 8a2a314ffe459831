# Les notifications du registre de réciprocité, écrites dans la langue de leur lecteur.

lg-notice-responded = { $name } a répondu à « { $title } ».
lg-notice-thanked = { $name } vous a remercié : « { $impact } »
lg-notice-recorded-helped = { $name } a enregistré que vous l'avez aidé pendant { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}. Merci !
lg-notice-recorded-helping = { $name } a enregistré vous avoir aidé pendant { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}. Merci de confirmer, d'ajuster ou de contester.
lg-notice-recorded-between = { $leader } a enregistré que { $helper } a aidé { $helped } pendant { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}.
lg-notice-confirmed = { $name } a confirmé { $minutes ->
    [one] la minute
   *[other] les { $minutes } minutes
} d'aide.
lg-notice-suggested = { $name } propose { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
} au lieu de { $before }. Merci de confirmer, d'ajuster ou de contester.
lg-notice-disputed = { $name } a contesté l'entrée ; un responsable tranchera.
lg-notice-rejected = { $name } a tranché la contestation : l'entrée ne compte pas.
lg-notice-reversed = { $name } a corrigé l'entrée par une entrée inverse.
