"""Word banks of the domain: places, institutions, project vocabulary, headings.

Everything a generated yearbook says is drawn from these lists, so that the texts read like
the yearbooks' French without copying any sample. The places are real French names; the
projects are made of the vocabulary of local digital public services.
"""

from __future__ import annotations


def bank(text: str) -> tuple[str, ...]:
    """The items of a word bank written one per line or separated by ", " (no item holds one)."""
    return tuple(
        item.strip() for line in text.splitlines() for item in line.split(", ") if item.strip()
    )


MEDALS = ("or", "argent", "bronze")
BLOCKS = ("innovation", "problematique", "apports")

# Communes (towns and villages), with the article-free form used after "Ville de".
TOWNS = bank(
    """
Albi, Alençon, Angoulême, Annecy, Arles, Aurillac, Auxerre, Bayonne, Beauvais, Belfort, Bergerac
Besançon, Blois, Bourges, Brive-la-Gaillarde, Cahors, Carcassonne, Castres, Chalon-sur-Saône
Chambéry, Charleville-Mézières, Chartres, Châteauroux, Cherbourg-en-Cotentin, Cholet, Colmar
Compiègne, Dax, Dieppe, Dole, Douai, Dreux, Épinal, Évreux, Figeac, Foix, Fougères, Gap, Guéret
Haguenau, Issoire, Laval, Lannion, Le Puy-en-Velay, Libourne, Lisieux, Lons-le-Saunier, Lorient
Mâcon, Manosque, Mende, Millau, Montauban, Montluçon, Morlaix, Moulins, Narbonne, Nevers, Niort
Orthez, Périgueux, Pontarlier, Privas, Quimper, Rodez, Roanne, Saintes, Saint-Brieuc
Saint-Dié-des-Vosges, Saint-Lô, Saumur, Sedan, Sète, Soissons, Tarbes, Thionville, Tulle
Valence, Vannes, Vendôme, Verdun, Vesoul, Vichy, Vierzon, Vitré, Yssingeaux, Ambert, Largentière
Lodève, Marvejols, Oloron-Sainte-Marie, Pamiers, Redon, Ruffec, Sarlat-la-Canéda, Ussel
Villefranche-de-Rouergue
"""
)
# Cities large enough for a métropole, an agglomération or a communauté urbaine.
CITIES = bank(
    """
Angers, Brest, Caen, Dijon, Limoges, Metz, Nancy, Orléans, Poitiers, Reims, Rouen, Saint-Étienne
Toulon, Tours, Amiens, Le Mans, Perpignan, Pau, Nîmes, Avignon, Mulhouse, La Rochelle, Troyes
Arras, Dunkerque, Valenciennes
"""
)
# Départements with the preposition their name takes ("de la", "du", "des", "de l'", "de").
DEPARTMENTS = bank(
    """
de l'Ain, de l'Allier, des Alpes-de-Haute-Provence, de l'Ardèche, des Ardennes, de l'Aude
de l'Aveyron, du Cantal, de la Charente, du Cher, de la Corrèze, de la Creuse, de la Dordogne
du Doubs, de la Drôme, de l'Eure, du Finistère, du Gers, de la Gironde, de l'Hérault, de l'Indre
du Jura, des Landes, de la Lozère, de la Manche, de la Marne, de la Mayenne, de la Meuse
du Morbihan, de la Nièvre, de l'Oise, de l'Orne, du Puy-de-Dôme, de la Sarthe, de la Savoie
du Tarn, du Var, de la Vendée, de la Vienne, des Vosges, de l'Yonne
"""
)
REGIONS = bank(
    """
Région Bretagne, Région Normandie, Région Occitanie, Région Grand Est
Région Centre-Val de Loire, Région Bourgogne-Franche-Comté, Région Hauts-de-France
Région Nouvelle-Aquitaine, Région Pays de la Loire, Région Sud
"""
)
# What intercommunalities are named after.
PAYS = bank(
    """
du Pays de Fayence, du Pays de Lunel, du Pays Foyen, du Pays de Mormal, du Haut-Jura
de la Vallée de l'Hérault, du Val de Drôme, des Monts du Lyonnais, du Grand Autunois Morvan
de la Haute-Saintonge, du Pays de Salers, des Vallées du Gave, du Pays Mornantais
du Bassin de Pompey, des Coteaux du Girou, du Pays de Lumbres, de la Côte d'Albâtre
du Piémont Oloronais, des Hautes Terres, du Pays d'Orthe et Arrigans, Terres de Montaigu
Cœur de Savoie, Vexin Centre, Sud Retz Atlantique
"""
)
SYNDICATES = (
    "Syndicat mixte Numérique {dep}",
    "Syndicat intercommunal d'énergie {dep}",
    "Syndicat mixte des eaux {dep}",
    "Syndicat départemental d'énergies {dep}",
)

# Project vocabulary: what was built, for whom, with what, against which problem, with what
# effect.
THINGS = bank(
    """
une plateforme de signalement
un portail citoyen
une application mobile
un jumeau numérique
un réseau de capteurs connectés
un entrepôt de données ouvertes
un guichet numérique unique
un outil de cartographie partagée
un réseau de tiers-lieux
une borne d'accueil interactive
un service de téléconsultation
un tableau de bord énergétique
un espace numérique de travail
un système de réservation en ligne
une carte de services dématérialisée
un coffre-fort numérique
un assistant conversationnel
un outil de gestion des interventions
un budget participatif en ligne
une solution d'éclairage intelligent
un service de covoiturage solidaire
une plateforme de circuits courts
un observatoire des consommations d'eau
"""
)
PURPOSES = bank(
    """
faciliter les démarches des habitants
réduire la consommation d'énergie des bâtiments publics
mieux suivre l'entretien de la voirie
rapprocher les services publics des zones rurales
associer les habitants aux décisions d'aménagement
lutter contre l'illectronisme
sécuriser les données des usagers
suivre la qualité de l'air près des écoles
soutenir les commerces de proximité
mieux organiser le transport à la demande
partager les données entre les communes
prévenir les inondations
accompagner les aidants
simplifier l'inscription aux activités périscolaires
améliorer l'accueil des nouveaux arrivants
réduire les déplacements des agents
valoriser le patrimoine local
maîtriser les dépenses d'eau
"""
)
MEANS = bank(
    """
des logiciels libres
une architecture ouverte et modulaire
des données publiées en open data
des capteurs à bas coût
une démarche de co-conception avec les usagers
un partenariat avec une université
des agents formés à la médiation numérique
un réseau radio à longue portée
une mutualisation entre plusieurs communes
des ateliers ouverts à tous les habitants
un algorithme de prévision
des standards ouverts
"""
)
PEOPLE = bank(
    """
les habitants, les agents, les élus, les associations, les familles, les seniors
les commerçants, les agriculteurs, les jeunes, les usagers des transports, les aidants
les services techniques, les enseignants, les entreprises du territoire
"""
)
PROBLEMS = bank(
    """
les demandes arrivaient par courrier et se perdaient entre les services
les données étaient dispersées dans des tableurs que personne ne mettait à jour
une partie de la population n'avait pas accès à internet à domicile
les interventions sur la voirie étaient planifiées sans vision d'ensemble
les factures d'énergie des écoles augmentaient chaque année
les habitants des hameaux devaient parcourir de longues distances pour une simple démarche
les communes rurales n'avaient pas les moyens de recruter des profils techniques
les délais de réponse décourageaient les usagers
les inondations répétées demandaient une alerte plus rapide
les associations peinaient à réserver les salles municipales
le territoire perdait ses commerces de centre-bourg
les agents ressaisissaient plusieurs fois les mêmes informations
"""
)
EFFECTS = bank(
    """
le délai de traitement est passé de {a} à {b} jours
{n} habitants utilisent le service chaque mois
{p} % des demandes sont désormais déposées en ligne
la consommation d'énergie a baissé de {p} % en deux ans
{n} agents ont été formés aux nouveaux outils
{k} communes ont rejoint la démarche depuis son lancement
le coût de fonctionnement a diminué de {p} %
{n} signalements ont été traités la première année
{k} autres collectivités ont repris l'outil
"""
)
ITEMS = bank(
    """
la réduction des délais de traitement
un meilleur suivi des interventions
des économies de papier et d'affranchissement
une relation plus directe avec les usagers
la montée en compétences des agents
des données fiables et partagées
une meilleure information des habitants
moins de déplacements pour les usagers
un service ouvert tous les jours
une gouvernance partagée entre les communes
la réutilisation du code par d'autres territoires
une baisse des émissions de carbone
des décisions appuyées sur des mesures
un accueil plus simple pour les publics fragiles
"""
)
# Sentences of each block, with slots filled from the lists above (content.py draws them).
SENTENCES = {
    "summary": (
        "La collectivité a mis en place {thing} pour {purpose}.",
        "Le projet s'adresse d'abord {to_people}, puis {to_other}.",
        "Lancé en {year}, il s'appuie sur {means}.",
        "Le service est ouvert {to_people} depuis {months} mois.",
    ),
    "innovation": (
        "Le projet associe {people} et {other} dès sa conception.",
        "Il repose sur {means}, une première à cette échelle.",
        "{thing} permet pour la première fois de {purpose}.",
        "La démarche combine {means} et {more_means}.",
    ),
    "problematique": (
        "Avant le projet, {problem}.",
        "Il fallait {purpose} sans alourdir le travail des agents.",
        "Pour {people}, {problem}.",
        "Le territoire compte {n} habitants répartis sur {k} communes.",
    ),
    "apports": (
        "Aujourd'hui, {effect}.",
        "Selon les services, {effect}.",
        "Le projet a aussi permis de {purpose}.",
        "{people} saluent un service plus simple et plus rapide.",
    ),
}
# Titles: a name of the project's own, then what it is.
BRAND_PARTS = (
    ("Ka", "Vi", "Ter", "Num", "Lu", "Ci", "Mo", "Sy", "Al", "Eco", "Ré", "Géo", "Da"),
    ("léo", "ria", "lab", "nova", "tix", "mia", "link", "pass", "zen", "dom", "ville", "data"),
)
TITLES = {  # what the project is → what it is for or where
    "Portail des aides": (
        "aux familles",
        "au logement",
        "pour les associations",
        "aux entreprises locales",
    ),
    "Cartographie participative": (
        "des arbres remarquables",
        "des espaces publics",
        "des sentiers",
        "du patrimoine bâti",
    ),
    "Plateforme de signalement": (
        "des incidents de voirie",
        "pour les habitants",
        "des dépôts sauvages",
    ),
    "Jumeau numérique": (
        "du centre-ville",
        "du réseau d'eau",
        "des bâtiments publics",
        "du littoral",
    ),
    "Guichet unique": (
        "des démarches d'urbanisme",
        "des aides sociales",
        "pour les nouveaux arrivants",
    ),
    "Observatoire de l'énergie": ("des bâtiments publics", "des écoles", "du patrimoine communal"),
    "Réseau de capteurs": ("pour la qualité de l'air", "des niveaux de crue", "des parkings"),
    "Application citoyenne": (
        "de la vie locale",
        "des marchés de producteurs",
        "des transports scolaires",
    ),
    "Tiers-lieu numérique": ("en zone rurale", "du centre-bourg", "de la vallée"),
    "Budget participatif": ("en ligne", "des quartiers", "des jeunes"),
    "Éclairage public intelligent": ("des hameaux", "des zones d'activité", "du centre-bourg"),
    "Dématérialisation": (
        "des actes d'état civil",
        "des autorisations d'urbanisme",
        "des marchés publics",
    ),
    "Médiation numérique itinérante": (
        "en zone rurale",
        "au service des aînés",
        "dans les villages",
    ),
    "Télésanté de proximité": (
        "pour les communes rurales",
        "en maison de santé",
        "au service des aînés",
    ),
    "Covoiturage solidaire": ("du bassin de vie", "vers les zones d'emploi", "pour les jeunes"),
    "Données ouvertes": ("des services publics", "de la mobilité", "des budgets communaux"),
    "Alerte inondation": ("des riverains", "par SMS", "du bassin versant"),
    "Inscriptions en ligne": (
        "aux activités périscolaires",
        "à la cantine",
        "aux équipements sportifs",
    ),
}

CATEGORIES = bank(
    """
Administration numérique, Aménagement et attractivité, Transition écologique, E-santé
Inclusion numérique, Démocratie participative, Mobilités, Éducation et jeunesse
Culture et patrimoine, Données et ouverture, Cybersécurité, Services aux habitants, Tourisme
Solidarités
"""
)

# Block headings. "profile": wordings the pipeline's profiles know; "unseen": wordings they do
# not.
HEADINGS = {
    "profile": {
        "summary": ("Présentation du projet", "Le projet en bref", "Description"),
        "innovation": (
            "Innovation du projet",
            "En quoi le projet est-il innovant ?",
            "Caractère innovant",
        ),
        "problematique": (
            "Problématique du territoire",
            "Enjeux du territoire",
            "Le projet a-t-il permis de répondre à une problématique du territoire ?",
        ),
        "apports": ("Les apports du projet", "Bénéfices du projet", "Qu'a apporté le projet ?"),
    },
    "unseen": {
        "summary": ("En quelques mots", "L'essentiel", "Le projet"),
        "innovation": (
            "Ce qui est nouveau",
            "Ce qui change",
            "La nouveauté",
            "Une démarche inédite",
        ),
        "problematique": ("Le défi", "Pourquoi ce projet", "Le point de départ", "Le besoin"),
        "apports": ("Bénéfices constatés", "Résultats", "Ce que ça a changé", "Les effets"),
    },
}
TERRITORY_LABELS = {
    "known": ("Lauréat(s) :", "Collectivité(s) :", "Territoire(s) :", "Lauréats :"),
    "unknown": ("Porté par", "Acteurs :", "Partenaires :", "Avec"),
    "none": ("",),
}
RUN_IN_MEDAL = (
    "Label : {Word}",
    "Niveau de label : {Word}",
    "Label obtenu : {Word}",
    "Distinction : {Word}",
)
SITE = (
    "www.territoire-innovant.fr",
    "www.label-territoire-innovant.org",
    "www.interco-numerique.fr",
)
ASSOCIATION = (
    "Les Interconnectés",
    "Réseau des territoires numériques",
    "Association des villes connectées",
)
