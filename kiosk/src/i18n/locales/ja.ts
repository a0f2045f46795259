/** Japanese, the reference language: every other language must define exactly these keys. */
export const ja = {
  common: {
    next: '次へ',
    back: '戻る',
  },
  pairing: {
    title: 'この端末を施設に登録します',
    intro: '管理画面で発行したペアリングコードを入力してください。',
    codeLabel: 'ペアリングコード',
    submit: '登録する',
    submitting: '登録しています…',
    invalidFormat: 'ペアリングコードの形式が正しくありません。管理画面に表示されたコードをそのまま入力してください。',
    rejected: 'ペアリングコードが無効か期限切れです。管理画面で新しいコードを発行してください。',
    unreachable: 'サーバーに接続できません。ネットワークを確認してもう一度お試しください。',
    invalidResponse: 'サーバーの応答が不正です。サポートにお問い合わせください。',
    serverError: 'サーバーでエラーが発生しました。しばらくしてからもう一度お試しください。続く場合はサポートにお問い合わせください。',
  },
  startup: {
    loading: '読み込んでいます…',
    configFailed: '設定を読み込めません。ネットワークを確認して再読み込みしてください。',
  },
  language: {
    title: '言語を選んでください',
  },
  stay: {
    title: '宿泊日と人数',
    arrivalDate: 'チェックイン日',
    departureDate: 'チェックアウト日',
    guestCount: '宿泊人数',
  },
  guest: {
    title: '宿泊者 {{index}} / {{count}}',
    name: '氏名',
    address: '住所',
    occupation: '職業',
    contact: '連絡先（電話番号またはメールアドレス）',
    addressInJapan: '日本国内に住所がありますか？',
    yes: 'はい',
    no: 'いいえ',
    nationality: '国籍',
    nationalityPlaceholder: '選択してください',
    passportNumber: '旅券番号',
    passportPhoto: '旅券の写真（顔写真のページ）',
    facePhoto: '顔写真',
  },
  capture: {
    start: 'カメラで撮影',
    capture: '撮影する',
    retake: '撮り直す',
    chooseFile: '写真を選ぶ',
    cancel: 'キャンセル',
    unavailable: 'カメラを使えません。「写真を選ぶ」から撮影してください。',
    processing: '写真を処理しています…',
    passportHint: '顔写真のページ全体が枠に収まるように撮影してください。',
    faceHint: '正面を向き、顔全体が写るように撮影してください。',
    passportPreviewAlt: '撮影した旅券の写真',
    facePreviewAlt: '撮影した顔写真',
    advice: {
      tooDark: '写真が暗すぎます。明るい場所で撮り直してください。',
      glare: '光が反射しています。照明から離れて、光が当たらない角度で撮り直してください。',
      blurred: '写真がぼやけています。端末を動かさずに、ピントが合ってから撮り直してください。',
      tooSmall: '写真の解像度が低すぎて読み取れません。カメラで撮影するか、より大きな画像を選んでください。',
    },
  },
  rules: {
    title: 'ハウスルール',
    generalRules: '一般的なハウスルール',
    fallbackNotice: 'この施設のハウスルールは英語のみで表示しています。',
    consentNote: '同意した日時と言語が記録されます。',
    items: {
      smoking: '室内は禁煙です。',
      quietHours: '22時から8時までは静かにお過ごしください。',
      garbage: 'ごみは分別して指定の場所に出してください。',
      occupancy: '登録した人数を超えて宿泊することはできません。',
    },
    consent: 'ハウスルールに同意し、入力内容が宿泊者名簿に記録されることに同意します。',
    submit: 'チェックインする',
    submitting: '送信の準備をしています…',
    submitFailed: 'チェックインを保存できませんでした。スタッフにお知らせください。',
  },
  finish: {
    title: 'チェックインが完了しました',
    body: 'ご協力ありがとうございました。ごゆっくりお過ごしください。',
    doorCode: '入口の暗証番号',
    doorCodeNote: 'この番号は他の人に教えないでください。',
    done: '最初の画面に戻る',
  },
  validation: {
    required: '入力してください。',
    dateInvalid: '日付を正しく入力してください。',
    arrivalTooEarly: 'チェックイン日は昨日以降の日付にしてください。',
    arrivalInFuture: 'チェックイン日は今日以前の日付にしてください。',
    departureNotAfterArrival: 'チェックアウト日はチェックイン日より後にしてください。',
    stayTooLong: '宿泊期間は{{max}}泊以内にしてください。',
    guestCountRange: '宿泊人数は1〜{{max}}人で入力してください。',
    tooLong: '{{max}}文字以内で入力してください。',
    forbiddenCharacters: '制御文字または文字の向きを変える記号が含まれています。一度消してから入力し直してください。',
    choiceRequired: 'どちらかを選んでください。',
    nationalityRequired: '国籍を選んでください。',
    passportNumberFormat: '旅券番号は英数字6〜9文字で入力してください。',
    passportPhotoRequired: '旅券の写真を撮影してください。',
    facePhotoRequired: '顔写真を撮影してください。',
    contactFormat: '電話番号（数字7〜15桁）またはメールアドレスを入力してください。',
    photoFailed: '写真を読み込めませんでした。もう一度撮影してください。',
    consentRequired: '同意が必要です。',
  },
  idle: {
    title: 'まだ入力を続けますか？',
    body: '操作がないため、{{seconds}}秒後に入力内容を消去して最初の画面に戻ります。',
    continue: '続ける',
  },
  revoked: {
    title: 'この端末は登録を解除されました',
    body: 'スタッフの方へ：管理画面でペアリングコードを発行し、この端末をもう一度登録してください。',
    pending_other: '未送信のチェックイン {{count}}件はこの端末に保存されたままです。',
    pairAgain: 'もう一度登録する',
  },
  status: {
    online: 'オンライン',
    offline: 'オフライン',
    unreachable: 'サーバーに接続できません',
    unsent: '未送信 {{count}}件',
    previousFacility_other: 'うち {{count}}件は以前の施設のもので、この施設には送信しません',
  },
};

/** i18next plural suffixes besides `_other`, which Japanese, Chinese and Korean use alone. */
type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many';

/**
 * Messages shaped like `Messages`, where a key `x_other` may also have the `x_one`, `x_few` …
 * forms that a language with more plural categories needs.
 */
type WithPluralForms<Messages> = {
  [Key in keyof Messages]: Messages[Key] extends string ? string : WithPluralForms<Messages[Key]>;
} & {
  [Key in keyof Messages as Key extends `${infer Base}_other` ? `${Base}_${PluralSuffix}` : never]?: string;
};

/** The shape of one language's messages: every leaf is a string. */
export type LocaleMessages = WithPluralForms<typeof ja>;
