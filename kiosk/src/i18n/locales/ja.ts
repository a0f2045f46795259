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
    rejected: 'ペアリングコードが無効か期限切れです。管理画面で新しいコードを発行してください。',
    unreachable: 'サーバーに接続できません。ネットワークを確認してもう一度お試しください。',
    invalidResponse: 'サーバーの応答が不正です。サポートにお問い合わせください。',
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
    addressInJapan: '日本国内に住所がありますか？',
    yes: 'はい',
    no: 'いいえ',
    nationality: '国籍',
    nationalityPlaceholder: '選択してください',
    passportNumber: '旅券番号',
    passportPhoto: '旅券の写真（顔写真のページ）',
  },
  camera: {
    start: 'カメラで撮影',
    capture: '撮影する',
    retake: '撮り直す',
    chooseFile: '写真を選ぶ',
    cancel: 'キャンセル',
    unavailable: 'カメラを使えません。「写真を選ぶ」から撮影してください。',
    processing: '写真を処理しています…',
    previewAlt: '撮影した旅券の写真',
  },
  rules: {
    title: 'ハウスルール',
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
    done: '最初の画面に戻る',
  },
  validation: {
    required: '入力してください。',
    dateInvalid: '日付を正しく入力してください。',
    arrivalTooEarly: 'チェックイン日は昨日以降の日付にしてください。',
    departureNotAfterArrival: 'チェックアウト日はチェックイン日より後にしてください。',
    stayTooLong: '宿泊期間は{{max}}泊以内にしてください。',
    guestCountRange: '宿泊人数は1〜{{max}}人で入力してください。',
    tooLong: '{{max}}文字以内で入力してください。',
    choiceRequired: 'どちらかを選んでください。',
    nationalityRequired: '国籍を選んでください。',
    passportNumberFormat: '旅券番号は英数字6〜9文字で入力してください。',
    passportPhotoRequired: '旅券の写真を撮影してください。',
    photoFailed: '写真を読み込めませんでした。もう一度撮影してください。',
    consentRequired: '同意が必要です。',
  },
  status: {
    online: 'オンライン',
    offline: 'オフライン',
    unsent: '未送信 {{count}}件',
  },
};

/** The shape of one language's messages: every leaf is a string. */
export type LocaleMessages = typeof ja;
