window.YTD.tweets.part0 = [
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1582009709969087913"
          ],
          "editableUntil": "x",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "OnnellisenArjenTekijät",
            "indices": [
              "0",
              "1"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "50"
      ],
      "favorite_count": "2",
      "id_str": "1582009709969087913",
      "truncated": false,
      "retweet_count": "2",
      "id": "1582009709969087913",
      "created_at": "Thu Oct 20 15:25:00 +0000 2022",
      "favorited": false,
      "full_text": "Koodikatselmointi ja kahvi #OnnellisenArjenTekijät",
      "lang": "fi"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1582069698293793599"
          ],
          "editableUntil": "x",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "OnnellisenArjenTekijät",
            "indices": [
              "0",
              "1"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "60"
      ],
      "favorite_count": "35",
      "id_str": "1582069698293793599",
      "truncated": false,
      "retweet_count": "2",
      "id": "1582069698293793599",
      "created_at": "Tue Nov 01 14:07:00 +0000 2022",
      "favorited": false,
      "full_text": "RT @vaasankaupunki: Työpaikkoja auki #OnnellisenArjenTekijät",
      "lang": "fi"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1582152547928174369"
          ],
          "editableUntil": "x",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "OnnellisenArjenTekijät",
            "indices": [
              "0",
              "1"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "71"
      ],
      "favorite_count": "36",
      "id_str": "1582152547928174369",
      "truncated": false,
      "retweet_count": "0",
      "id": "1582152547928174369",
      "created_at": "Sat Nov 19 16:12:00 +0000 2022",
      "favorited": false,
      "full_text": "Tietohallinnon arkea: uusi palvelu julki tänään #OnnellisenArjenTekijät",
      "lang": "fi"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1582182533026113746"
          ],
          "editableUntil": "x",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "OnnellisenArjenTekijät",
            "indices": [
              "0",
              "1"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "57"
      ],
      "favorite_count": "29",
      "id_str": "1582182533026113746",
      "truncated": false,
      "retweet_count": "7",
      "id": "1582182533026113746",
      "created_at": "Sat Dec 03 16:34:00 +0000 2022",
      "favorited": false,
      "full_text": "Kaupungin digipalvelut kehittyvät #OnnellisenArjenTekijät",
      "lang": "fi"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1582225719747879466"
          ],
          "editableUntil": "x",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "OnnellisenArjenTekijät",
            "indices": [
              "0",
              "1"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "60"
      ],
      "favorite_count": "15",
      "id_str": "1582225719747879466",
      "truncated": false,
      "retweet_count": "1",
      "id": "1582225719747879466",
      "created_at": "Fri Dec 16 18:11:00 +0000 2022",
      "favorited": false,
      "full_text": "RT @vaasankaupunki: Työpaikkoja auki #OnnellisenArjenTekijät",
      "lang": "fi"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1582268976103268569"
          ],
          "editableUntil": "x",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "OnnellisenArjenTekijät",
            "indices": [
              "0",
              "1"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "56"
      ],
      "favorite_count": "18",
      "id_str": "1582268976103268569",
      "truncated": false,
      "retweet_count": "1",
      "id": "1582268976103268569",
      "created_at": "Tue Jan 03 13:56:00 +0000 2023",
      "favorited": false,
      "full_text": "Datan avulla parempia palveluita #OnnellisenArjenTekijät",
      "lang": "fi"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1582342024686747625"
          ],
          "editableUntil": "x",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "OnnellisenArjenTekijät",
            "indices": [
              "0",
              "1"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "56"
      ],
      "favorite_count": "26",
      "id_str": "1582342024686747625",
      "truncated": false,
      "retweet_count": "0",
      "id": "1582342024686747625",
      "created_at": "Tue Jan 17 08:48:00 +0000 2023",
      "favorited": false,
      "full_text": "Datan avulla parempia palveluita #OnnellisenArjenTekijät",
      "lang": "fi"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1582437071422501341"
          ],
          "editableUntil": "x",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "OnnellisenArjenTekijät",
            "indices": [
              "0",
              "1"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "60"
      ],
      "favorite_count": "20",
      "id_str": "1582437071422501341",
      "truncated": false,
      "retweet_count": "5",
      "id": "1582437071422501341",
      "created_at": "Sun Jan 29 18:35:00 +0000 2023",
      "favorited": false,
      "full_text": "RT @vaasankaupunki: Työpaikkoja auki #OnnellisenArjenTekijät",
      "lang": "fi"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1582487354863526508"
          ],
          "editableUntil": "x",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "15"
      ],
      "favorite_count": "5",
      "id_str": "1582487354863526508",
      "truncated": false,
      "retweet_count": "4",
      "id": "1582487354863526508",
      "created_at": "Fri Feb 17 13:37:00 +0000 2023",
      "favorited": false,
      "full_text": "Hyvää huomenta!",
      "lang": "fi"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1582586453952803989"
          ],
          "editableUntil": "x",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "21"
      ],
      "favorite_count": "36",
      "id_str": "1582586453952803989",
      "truncated": false,
      "retweet_count": "7",
      "id": "1582586453952803989",
      "created_at": "Sun Mar 05 07:03:00 +0000 2023",
      "favorited": false,
      "full_text": "Rust on mainio kieli.",
      "lang": "fi"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1582636290602801075"
          ],
          "editableUntil": "x",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "OnnellisenArjenTekijät",
            "indices": [
              "0",
              "1"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "71"
      ],
      "favorite_count": "31",
      "id_str": "1582636290602801075",
      "truncated": false,
      "retweet_count": "0",
      "id": "1582636290602801075",
      "created_at": "Wed Mar 15 13:22:00 +0000 2023",
      "favorited": false,
      "full_text": "Tietohallinnon arkea: uusi palvelu julki tänään #OnnellisenArjenTekijät",
      "lang": "fi"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1582655493908712268"
          ],
          "editableUntil": "x",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "OnnellisenArjenTekijät",
            "indices": [
              "0",
              "1"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "56"
      ],
      "favorite_count": "5",
      "id_str": "1582655493908712268",
      "truncated": false,
      "retweet_count": "2",
      "id": "1582655493908712268",
      "created_at": "Tue Apr 04 09:25:00 +0000 2023",
      "favorited": false,
      "full_text": "Datan avulla parempia palveluita #OnnellisenArjenTekijät",
      "lang": "fi"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1582713021902540110"
          ],
          "editableUntil": "x",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "OnnellisenArjenTekijät",
            "indices": [
              "0",
              "1"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "56"
      ],
      "favorite_count": "35",
      "id_str": "1582713021902540110",
      "truncated": false,
      "retweet_count": "4",
      "id": "1582713021902540110",
      "created_at": "Tue Apr 18 10:56:00 +0000 2023",
      "favorited": false,
      "full_text": "Datan avulla parempia palveluita #OnnellisenArjenTekijät",
      "lang": "fi"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1582772470851454856"
          ],
          "editableUntil": "x",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "OnnellisenArjenTekijät",
            "indices": [
              "0",
              "1"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "50"
      ],
      "favorite_count": "9",
      "id_str": "1582772470851454856",
      "truncated": false,
      "retweet_count": "1",
      "id": "1582772470851454856",
      "created_at": "Mon May 01 16:56:00 +0000 2023",
      "favorited": false,
      "full_text": "Koodikatselmointi ja kahvi #OnnellisenArjenTekijät",
      "lang": "fi"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1582794761761190520"
          ],
          "editableUntil": "x",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "OnnellisenArjenTekijät",
            "indices": [
              "0",
              "1"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "50"
      ],
      "favorite_count": "16",
      "id_str": "1582794761761190520",
      "truncated": false,
      "retweet_count": "4",
      "id": "1582794761761190520",
      "created_at": "Mon May 15 16:14:00 +0000 2023",
      "favorited": false,
      "full_text": "Koodikatselmointi ja kahvi #OnnellisenArjenTekijät",
      "lang": "fi"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1582816261657676241"
          ],
          "editableUntil": "x",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "OnnellisenArjenTekijät",
            "indices": [
              "0",
              "1"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "60"
      ],
      "favorite_count": "20",
      "id_str": "1582816261657676241",
      "truncated": false,
      "retweet_count": "2",
      "id": "1582816261657676241",
      "created_at": "Thu Jun 01 14:23:00 +0000 2023",
      "favorited": false,
      "full_text": "RT @vaasankaupunki: Työpaikkoja auki #OnnellisenArjenTekijät",
      "lang": "fi"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1582909438603356357"
          ],
          "editableUntil": "x",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "OnnellisenArjenTekijät",
            "indices": [
              "0",
              "1"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "56"
      ],
      "favorite_count": "25",
      "id_str": "1582909438603356357",
      "truncated": false,
      "retweet_count": "6",
      "id": "1582909438603356357",
      "created_at": "Sun Jun 18 17:03:00 +0000 2023",
      "favorited": false,
      "full_text": "Datan avulla parempia palveluita #OnnellisenArjenTekijät",
      "lang": "fi"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1582925008825156978"
          ],
          "editableUntil": "x",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "OnnellisenArjenTekijät",
            "indices": [
              "0",
              "1"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "71"
      ],
      "favorite_count": "13",
      "id_str": "1582925008825156978",
      "truncated": false,
      "retweet_count": "7",
      "id": "1582925008825156978",
      "created_at": "Sat Jul 01 16:25:00 +0000 2023",
      "favorited": false,
      "full_text": "Tietohallinnon arkea: uusi palvelu julki tänään #OnnellisenArjenTekijät",
      "lang": "fi"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1582941479994444055"
          ],
          "editableUntil": "x",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "OnnellisenArjenTekijät",
            "indices": [
              "0",
              "1"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "50"
      ],
      "favorite_count": "34",
      "id_str": "1582941479994444055",
      "truncated": false,
      "retweet_count": "1",
      "id": "1582941479994444055",
      "created_at": "Sat Jul 15 15:03:00 +0000 2023",
      "favorited": false,
      "full_text": "Koodikatselmointi ja kahvi #OnnellisenArjenTekijät",
      "lang": "fi"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1582993654310512476"
          ],
          "editableUntil": "x",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "11"
      ],
      "favorite_count": "24",
      "id_str": "1582993654310512476",
      "truncated": false,
      "retweet_count": "2",
      "id": "1582993654310512476",
      "created_at": "Tue Aug 01 06:04:00 +0000 2023",
      "favorited": false,
      "full_text": "Sataa taas.",
      "lang": "fi"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1583030154939982307"
          ],
          "editableUntil": "x",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "OnnellisenArjenTekijät",
            "indices": [
              "0",
              "1"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "71"
      ],
      "favorite_count": "31",
      "id_str": "1583030154939982307",
      "truncated": false,
      "retweet_count": "7",
      "id": "1583030154939982307",
      "created_at": "Mon Aug 14 15:23:00 +0000 2023",
      "favorited": false,
      "full_text": "Tietohallinnon arkea: uusi palvelu julki tänään #OnnellisenArjenTekijät",
      "lang": "fi"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1583099249414774347"
          ],
          "editableUntil": "x",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "OnnellisenArjenTekijät",
            "indices": [
              "0",
              "1"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "57"
      ],
      "favorite_count": "16",
      "id_str": "1583099249414774347",
      "truncated": false,
      "retweet_count": "7",
      "id": "1583099249414774347",
      "created_at": "Tue Aug 29 07:09:00 +0000 2023",
      "favorited": false,
      "full_text": "Kaupungin digipalvelut kehittyvät #OnnellisenArjenTekijät",
      "lang": "fi"
    }
  }
]
