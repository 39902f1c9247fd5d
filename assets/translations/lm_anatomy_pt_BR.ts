<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>AboutDialog</name>
    <message>
        <source>LM Anatomy</source>
        <translation>LM Anatomy</translation>
    </message>
    <message>
        <source>See how a language model works: tokens, attention, training and next-token sampling.</source>
        <translation>Veja como funciona um modelo de linguagem: tokens, atenção, treinamento e amostragem do próximo token.</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versões</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Dispositivos</translation>
    </message>
    <message>
        <source>About LM Anatomy</source>
        <translation>Sobre o LM Anatomy</translation>
    </message>
</context>
<context>
    <name>AttentionTab</name>
    <message>
        <source>Attention</source>
        <translation>Atenção</translation>
    </message>
    <message>
        <source>Each token builds its meaning by looking back at other tokens. The weights it uses are softmax(QKᵀ / √d): this tab draws them from the current model.</source>
        <translation>Cada token constrói seu significado olhando para os tokens anteriores. Os pesos que ele usa são softmax(QKᵀ / √d): esta aba os desenha a partir do modelo atual.</translation>
    </message>
    <message>
        <source>Heatmaps for one head, for every head of a layer, or for the whole model.</source>
        <translation>Mapas de calor de uma cabeça, de todas as cabeças de uma camada ou do modelo inteiro.</translation>
    </message>
    <message>
        <source>Hover a cell to read &apos;from token → to token: weight&apos;.</source>
        <translation>Passe o mouse sobre uma célula para ler &apos;do token → para o token: peso&apos;.</translation>
    </message>
    <message>
        <source>How one weight is computed: query, key, scaling, causal mask and softmax.</source>
        <translation>Como um peso é calculado: consulta, chave, escala, máscara causal e softmax.</translation>
    </message>
    <message>
        <source>Text to analyse</source>
        <translation>Texto a analisar</translation>
    </message>
    <message>
        <source>Single head</source>
        <translation>Uma cabeça</translation>
    </message>
    <message>
        <source>All heads of the layer</source>
        <translation>Todas as cabeças da camada</translation>
    </message>
    <message>
        <source>Whole model (layers × heads)</source>
        <translation>Modelo inteiro (camadas × cabeças)</translation>
    </message>
    <message>
        <source>&amp;Mean of heads</source>
        <translation>&amp;Média das cabeças</translation>
    </message>
    <message>
        <source>&amp;Log colour scale</source>
        <translation>Escala de cores &amp;logarítmica</translation>
    </message>
    <message>
        <source>Hide &amp;special tokens / BOS</source>
        <translation>Ocultar tokens e&amp;speciais / BOS</translation>
    </message>
    <message>
        <source>How the chosen weight is computed</source>
        <translation>Como o peso escolhido é calculado</translation>
    </message>
    <message>
        <source>Attention weights show where information flows, not why the model decided.</source>
        <translation>Os pesos de atenção mostram por onde a informação flui, não por que o modelo decidiu.</translation>
    </message>
    <message>
        <source>Vie&amp;w:</source>
        <translation>&amp;Visualização:</translation>
    </message>
    <message>
        <source>H&amp;ead:</source>
        <translation>Ca&amp;beça:</translation>
    </message>
    <message>
        <source>&amp;Query token:</source>
        <translation>Token de &amp;consulta:</translation>
    </message>
    <message>
        <source>&amp;Key token:</source>
        <translation>Token de c&amp;have:</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>&amp;Texto:</translation>
    </message>
    <message>
        <source>L&amp;ayer:</source>
        <translation>C&amp;amada:</translation>
    </message>
    <message>
        <source>C&amp;olours:</source>
        <translation>C&amp;ores:</translation>
    </message>
    <message>
        <source>query \ key</source>
        <translation>consulta \ chave</translation>
    </message>
    <message>
        <source>Attention heatmap</source>
        <translation>Mapa de calor de atenção</translation>
    </message>
    <message>
        <source>Attention thumbnails</source>
        <translation>Miniaturas de atenção</translation>
    </message>
    <message>
        <source>Where the query token looks (bars)</source>
        <translation>Para onde o token de consulta olha (barras)</translation>
    </message>
    <message>
        <source>Attention matrix shown</source>
        <translation>Matriz de atenção exibida</translation>
    </message>
    <message>
        <source>How one weight is computed</source>
        <translation>Como um peso é calculado</translation>
    </message>
    <message>
        <source>Load a model (File &gt; Open model folder) to see its attention.</source>
        <translation>Carregue um modelo (Arquivo &gt; Abrir pasta de modelo) para ver sua atenção.</translation>
    </message>
    <message>
        <source>{model}: T = {tokens} tokens, {layers} layers × {heads} heads; the maps use {memory}.</source>
        <translation>{model}: T = {tokens} tokens, {layers} camadas × {heads} cabeças; os mapas usam {memory}.</translation>
    </message>
    <message>
        <source>No model is loaded yet: open one with File &gt; Open model folder.</source>
        <translation>Nenhum modelo carregado ainda: abra um com Arquivo &gt; Abrir pasta de modelo.</translation>
    </message>
    <message>
        <source>{model}: {layers} layers × {heads} heads of attention.</source>
        <translation>{model}: {layers} camadas × {heads} cabeças de atenção.</translation>
    </message>
    <message>
        <source>Computing the attention maps…</source>
        <translation>Calculando os mapas de atenção…</translation>
    </message>
    <message>
        <source>Click a cell of the heatmap, or choose a key token, to see how its weight is computed.</source>
        <translation>Clique em uma célula do mapa de calor, ou escolha um token de chave, para ver como seu peso é calculado.</translation>
    </message>
    <message>
        <source>The mean of the heads has no single recipe: untick “Mean of heads” to see how one head computes this weight.</source>
        <translation>A média das cabeças não tem uma receita única: desmarque “Média das cabeças” para ver como uma cabeça calcula este peso.</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Calculando…</translation>
    </message>
    <message>
        <source>Special tokens are hidden and each row was rescaled to sum to 1: a display transformation, not the model&apos;s raw weights.</source>
        <translation>Os tokens especiais estão ocultos e cada linha foi reescalada para somar 1: uma transformação de exibição, não os pesos brutos do modelo.</translation>
    </message>
    <message>
        <source>This text has no special tokens to hide.</source>
        <translation>Este texto não tem tokens especiais para ocultar.</translation>
    </message>
    <message>
        <source>The weights are stored as float16 to save memory.</source>
        <translation>Os pesos são armazenados em float16 para economizar memória.</translation>
    </message>
    <message>
        <source>Layer {layer}, mean of {heads} heads</source>
        <translation>Camada {layer}, média de {heads} cabeças</translation>
    </message>
    <message>
        <source>Layer {layer}, head {head}</source>
        <translation>Camada {layer}, cabeça {head}</translation>
    </message>
    <message>
        <source>Layer {layer}: all {heads} heads</source>
        <translation>Camada {layer}: todas as {heads} cabeças</translation>
    </message>
    <message>
        <source>head {head}</source>
        <translation>cabeça {head}</translation>
    </message>
    <message>
        <source>All {layers} layers × {heads} heads</source>
        <translation>Todas as {layers} camadas × {heads} cabeças</translation>
    </message>
    <message>
        <source>layer {layer}</source>
        <translation>camada {layer}</translation>
    </message>
    <message>
        <source>Where “{token}” (row {row}) looks</source>
        <translation>Para onde “{token}” (linha {row}) olha</translation>
    </message>
    <message>
        <source>Looks most at: {keys}</source>
        <translation>Olha mais para: {keys}</translation>
    </message>
    <message>
        <source>Hover a cell to read its weight; click it to see how it is computed.</source>
        <translation>Passe o mouse sobre uma célula para ler seu peso; clique nela para ver como ele é calculado.</translation>
    </message>
    <message>
        <source>from “{query}” → to “{key}”: masked (a later token, weight 0)</source>
        <translation>de “{query}” → para “{key}”: mascarado (um token posterior, peso 0)</translation>
    </message>
    <message>
        <source>from “{query}” → to “{key}”: {weight}</source>
        <translation>de “{query}” → para “{key}”: {weight}</translation>
    </message>
    <message>
        <source>Click a thumbnail to open it as a single head.</source>
        <translation>Clique em uma miniatura para abri-la como cabeça única.</translation>
    </message>
    <message>
        <source>Layer {layer}, head {head}: click to open it.</source>
        <translation>Camada {layer}, cabeça {head}: clique para abrir.</translation>
    </message>
    <message>
        <source>attention weight</source>
        <translation>peso de atenção</translation>
    </message>
    <message>
        <source>Attention heatmap: query tokens in rows, key tokens in columns</source>
        <translation>Mapa de calor de atenção: tokens de consulta nas linhas, tokens de chave nas colunas</translation>
    </message>
    <message>
        <source>Arrow keys choose the cell: up and down the query token, left and right the key token.</source>
        <translation>As setas do teclado escolhem a célula: para cima e para baixo, o token de consulta; para a esquerda e para a direita, o token de chave.</translation>
    </message>
    <message>
        <source>key token (looked at)</source>
        <translation>token de chave (observado)</translation>
    </message>
    <message>
        <source>query token (looking)</source>
        <translation>token de consulta (que observa)</translation>
    </message>
    <message>
        <source>Attention thumbnails: click one to open it as a single head</source>
        <translation>Miniaturas de atenção: clique em uma para abri-la como cabeça única</translation>
    </message>
    <message>
        <source>Bar chart: how much the chosen query token looks at each key token</source>
        <translation>Gráfico de barras: quanto o token de consulta escolhido olha para cada token de chave</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>peso</translation>
    </message>
    <message>
        <source>{values} ({n} numbers), length {norm}</source>
        <translation>{values} ({n} números), comprimento {norm}</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>camada</translation>
    </message>
    <message>
        <source>head</source>
        <translation>cabeça</translation>
    </message>
    <message>
        <source>query token (position)</source>
        <translation>token de consulta (posição)</translation>
    </message>
    <message>
        <source>key token (position)</source>
        <translation>token de chave (posição)</translation>
    </message>
    <message>
        <source>step</source>
        <translation>passo</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valor</translation>
    </message>
    <message>
        <source>key</source>
        <translation>chave</translation>
    </message>
    <message>
        <source>score</source>
        <translation>pontuação</translation>
    </message>
    <message>
        <source>softmax</source>
        <translation>softmax</translation>
    </message>
    <message>
        <source>model</source>
        <translation>modelo</translation>
    </message>
    <message>
        <source>Layer {layer}, head {head}: how much “{query}” looks at “{key}”</source>
        <translation>Camada {layer}, cabeça {head}: quanto “{query}” olha para “{key}”</translation>
    </message>
    <message>
        <source>How q and k are made ({family}):</source>
        <translation>Como q e k são formados ({family}):</translation>
    </message>
    <message>
        <source>The softmax turns the scores of the whole row into weights that add up to 1:</source>
        <translation>O softmax transforma as pontuações da linha inteira em pesos que somam 1:</translation>
    </message>
</context>
<context>
    <name>BpePanel</name>
    <message>
        <source>Byte-level BPE, learned from the corpus</source>
        <translation>BPE em nível de bytes, aprendido a partir do corpus</translation>
    </message>
    <message>
        <source>Target vocabulary size: 256 byte tokens + 5 special tokens + one new token per merge.</source>
        <translation>Tamanho-alvo do vocabulário: 256 tokens de bytes + 5 tokens especiais + um novo token por fusão.</translation>
    </message>
    <message>
        <source>A pair is merged only if it occurs at least this many times in the corpus.</source>
        <translation>Um par só é fundido se ocorrer pelo menos este número de vezes no corpus.</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation>Progresso do treinamento</translation>
    </message>
    <message>
        <source>Waiting for the corpus.</source>
        <translation>Aguardando o corpus.</translation>
    </message>
    <message>
        <source>T&amp;rain</source>
        <translation>&amp;Treinar</translation>
    </message>
    <message>
        <source>Vocabulary si&amp;ze:</source>
        <translation>Tamanho do &amp;vocabulário:</translation>
    </message>
    <message>
        <source>Mi&amp;n. frequency:</source>
        <translation>Frequência mí&amp;n.:</translation>
    </message>
    <message>
        <source>Minimum pair frequency</source>
        <translation>Frequência mínima do par</translation>
    </message>
    <message>
        <source>Number of merges applied</source>
        <translation>Número de fusões aplicadas</translation>
    </message>
    <message>
        <source>&amp;Merges applied:</source>
        <translation>&amp;Fusões aplicadas:</translation>
    </message>
    <message>
        <source>Learned merges</source>
        <translation>Fusões aprendidas</translation>
    </message>
    <message>
        <source>Export vocab.json + merges.txt…</source>
        <translation>Exportar vocab.json + merges.txt…</translation>
    </message>
    <message>
        <source>Export tokenizer.json…</source>
        <translation>Exportar tokenizer.json…</translation>
    </message>
    <message>
        <source>There is no corpus to train on yet.</source>
        <translation>Ainda não há corpus para treinar.</translation>
    </message>
    <message>
        <source>Training on {n} characters…</source>
        <translation>Treinando com {n} caracteres…</translation>
    </message>
    <message>
        <source>Reading the corpus and counting pairs…</source>
        <translation>Lendo o corpus e contando pares…</translation>
    </message>
    <message>
        <source>Learning merges: the most frequent pair becomes a new token, again and again…</source>
        <translation>Aprendendo fusões: o par mais frequente vira um novo token, de novo e de novo…</translation>
    </message>
    <message>
        <source>Counting how often each merged pair occurred…</source>
        <translation>Contando quantas vezes cada par fundido ocorreu…</translation>
    </message>
    <message>
        <source>Measuring the held-out text…</source>
        <translation>Medindo o texto reservado…</translation>
    </message>
    <message>
        <source>Trained in {s} s on {n} characters{sampled}: {m} merges, vocabulary {v}.</source>
        <translation>Treinado em {s} s com {n} caracteres{sampled}: {m} fusões, vocabulário {v}.</translation>
    </message>
    <message>
        <source>Re&amp;start</source>
        <translation>&amp;Reiniciar</translation>
    </message>
    <message>
        <source> (a sample of the corpus)</source>
        <translation> (uma amostra do corpus)</translation>
    </message>
    <message>
        <source>Training failed.</source>
        <translation>O treinamento falhou.</translation>
    </message>
    <message>
        <source>No merges applied: every byte is its own token.</source>
        <translation>Nenhuma fusão aplicada: cada byte é seu próprio token.</translation>
    </message>
    <message>
        <source> (the pair occurred {n} times in the corpus)</source>
        <translation> (o par ocorreu {n} vezes no corpus)</translation>
    </message>
    <message>
        <source>Merge {k}: “{a}” + “{b}” → “{c}”{count}</source>
        <translation>Fusão {k}: “{a}” + “{b}” → “{c}”{count}</translation>
    </message>
    <message>
        <source>Train a vocabulary to see the charts.</source>
        <translation>Treine um vocabulário para ver os gráficos.</translation>
    </message>
    <message>
        <source>Export vocab.json and merges.txt</source>
        <translation>Exportar vocab.json e merges.txt</translation>
    </message>
    <message>
        <source>Export tokenizer.json</source>
        <translation>Exportar tokenizer.json</translation>
    </message>
    <message>
        <source>Tokenizer files (*.json)</source>
        <translation>Arquivos de tokenizador (*.json)</translation>
    </message>
    <message>
        <source>Could not export: {error}</source>
        <translation>Não foi possível exportar: {error}</translation>
    </message>
    <message>
        <source>Wrote {names} to {folder}. These hold all {m} merges, whatever the slider shows.</source>
        <translation>{names} gravados em {folder}. Eles contêm todas as {m} fusões, independentemente do que o controle deslizante mostra.</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Esquerda</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Direita</translation>
    </message>
    <message>
        <source>New token</source>
        <translation>Novo token</translation>
    </message>
    <message>
        <source>Pair count</source>
        <translation>Contagem do par</translation>
    </message>
    <message>
        <source>Stored in the vocabulary as “{piece}”</source>
        <translation>Armazenado no vocabulário como “{piece}”</translation>
    </message>
    <message>
        <source>Charts: vocabulary size and characters per token against the number of merges</source>
        <translation>Gráficos: tamanho do vocabulário e caracteres por token em função do número de fusões</translation>
    </message>
    <message>
        <source>From 0 to {merges} merges, the vocabulary grows from {v0} to {v1} tokens and held-out text goes from {r0} to {r1} characters per token.</source>
        <translation>De 0 a {merges} fusões, o vocabulário cresce de {v0} para {v1} tokens e o texto reservado passa de {r0} para {r1} caracteres por token.</translation>
    </message>
    <message>
        <source>tokens in the vocabulary</source>
        <translation>tokens no vocabulário</translation>
    </message>
    <message>
        <source>characters per token</source>
        <translation>caracteres por token</translation>
    </message>
    <message>
        <source>Vocabulary size</source>
        <translation>Tamanho do vocabulário</translation>
    </message>
    <message>
        <source>BPE</source>
        <translation>BPE</translation>
    </message>
    <message>
        <source>Chars per token (held-out)</source>
        <translation>Caracteres por token (reservado)</translation>
    </message>
    <message>
        <source>words</source>
        <translation>palavras</translation>
    </message>
    <message>
        <source>merges</source>
        <translation>fusões</translation>
    </message>
    <message>
        <source>No merges learned</source>
        <translation>Nenhuma fusão aprendida</translation>
    </message>
</context>
<context>
    <name>CodeViewer</name>
    <message>
        <source>The Characters row: one token per character, [UNK] for a character the corpus never had.</source>
        <translation>A linha Caracteres: um token por caractere, [UNK] para um caractere que o corpus nunca teve.</translation>
    </message>
    <message>
        <source>The Words row: words and punctuation marks; a word outside the vocabulary becomes [UNK].</source>
        <translation>A linha Palavras: palavras e sinais de pontuação; uma palavra fora do vocabulário vira [UNK].</translation>
    </message>
    <message>
        <source>The BPE row and the Merges slider: the tokens of the text after only the first k merges.</source>
        <translation>A linha BPE e o controle deslizante de fusões: os tokens do texto após apenas as k primeiras fusões.</translation>
    </message>
    <message>
        <source>The BPE panel&apos;s Train button: learn byte-level BPE merges from the corpus.</source>
        <translation>O botão Treinar do painel BPE: aprende fusões BPE em nível de bytes a partir do corpus.</translation>
    </message>
    <message>
        <source>The heatmaps: one forward pass that keeps every layer&apos;s and head&apos;s attention weights.</source>
        <translation>Os mapas de calor: uma passagem forward que guarda os pesos de atenção de cada camada e de cada cabeça.</translation>
    </message>
    <message>
        <source>The explanation panel: one weight rebuilt by hand from the query, the keys, the scaling, the mask and softmax.</source>
        <translation>O painel de explicação: um peso reconstruído à mão a partir da consulta, das chaves, da escala, da máscara e do softmax.</translation>
    </message>
    <message>
        <source>Attention inside our own GPT: softmax(QKᵀ / √d) with a causal mask, written out step by step.</source>
        <translation>A atenção dentro do nosso próprio GPT: softmax(QKᵀ / √d) com máscara causal, escrita passo a passo.</translation>
    </message>
    <message>
        <source>The training loop: learning rate, forward, backward, gradient clipping, optimizer step, and the numbers on the plot.</source>
        <translation>O laço de treinamento: taxa de aprendizado, forward, backward, recorte de gradiente, passo do otimizador e os números do gráfico.</translation>
    </message>
    <message>
        <source>The val points: the average loss over a few random batches of train and validation text.</source>
        <translation>Os pontos de validação: a perda média em alguns batches aleatórios de texto de treino e de validação.</translation>
    </message>
    <message>
        <source>The learning rate at each step: linear warmup, then cosine decay.</source>
        <translation>A taxa de aprendizado em cada passo: aquecimento linear, depois decaimento cosseno.</translation>
    </message>
    <message>
        <source>The attention layer of the GPT being trained.</source>
        <translation>A camada de atenção do GPT em treinamento.</translation>
    </message>
    <message>
        <source>The dark bars: the distribution the Sample button draws from.</source>
        <translation>As barras escuras: a distribuição da qual o botão Amostrar sorteia.</translation>
    </message>
    <message>
        <source>The stage table: softmax, repetition penalty, temperature, top-k, top-p and min-p, one after the other.</source>
        <translation>A tabela de etapas: softmax, penalidade de repetição, temperatura, top-k, top-p e min-p, uma após a outra.</translation>
    </message>
    <message>
        <source>Temperature: divide the logits before softmax.</source>
        <translation>Temperatura: dividir os logits antes do softmax.</translation>
    </message>
    <message>
        <source>The draw: where a random u in [0, 1) lands on the cumulative bar.</source>
        <translation>O sorteio: onde um u aleatório em [0, 1) cai na barra acumulada.</translation>
    </message>
    <message>
        <source>{file}, lines {first}–{last}</source>
        <translation>{file}, linhas {first}–{last}</translation>
    </message>
    <message>
        <source>Show the code</source>
        <translation>Mostrar o código</translation>
    </message>
    <message>
        <source>&amp;Function:</source>
        <translation>&amp;Função:</translation>
    </message>
    <message>
        <source>Source code (read-only)</source>
        <translation>Código-fonte (somente leitura)</translation>
    </message>
    <message>
        <source>Function to show</source>
        <translation>Função a mostrar</translation>
    </message>
    <message>
        <source>The source code is not included in this copy of the app.

Read {name} in {file} of LM Anatomy&apos;s source code.</source>
        <translation>O código-fonte não está incluído nesta cópia do aplicativo.

Leia {name} em {file} no código-fonte do LM Anatomy.</translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message>
        <source>The text has only special tokens; hiding them would leave nothing to show.</source>
        <translation>O texto tem apenas tokens especiais; ocultá-los não deixaria nada para mostrar.</translation>
    </message>
    <message>
        <source>There is no text to look at: type a sentence first.</source>
        <translation>Não há texto para analisar: digite uma frase primeiro.</translation>
    </message>
    <message>
        <source>The text is {tokens} tokens long, but {model} reads at most {limit} tokens at a time. Shorten it by {extra} tokens.</source>
        <translation>O texto tem {tokens} tokens, mas {model} lê no máximo {limit} tokens por vez. Encurte-o em {extra} tokens.</translation>
    </message>
    <message>
        <source>{model} returned {maps} attention maps for {layers} layers.</source>
        <translation>{model} retornou {maps} mapas de atenção para {layers} camadas.</translation>
    </message>
    <message>
        <source>how must be &apos;mean&apos; or &apos;max&apos;, not {how}.</source>
        <translation>how deve ser &apos;mean&apos; ou &apos;max&apos;, não {how}.</translation>
    </message>
    <message>
        <source>× scale 1/√d_head = 1/√{d_head}</source>
        <translation>× escala 1/√d_head = 1/√{d_head}</translation>
    </message>
    <message>
        <source>× scale</source>
        <translation>× escala</translation>
    </message>
    <message>
        <source>causal mask</source>
        <translation>máscara causal</translation>
    </message>
    <message>
        <source>mask</source>
        <translation>máscara</translation>
    </message>
    <message>
        <source>masked: score −∞, weight 0</source>
        <translation>mascarado: pontuação −∞, peso 0</translation>
    </message>
    <message>
        <source>not masked</source>
        <translation>não mascarado</translation>
    </message>
    <message>
        <source>q, query of “{token}”</source>
        <translation>q, consulta de “{token}”</translation>
    </message>
    <message>
        <source>k, key of “{token}”</source>
        <translation>k, chave de “{token}”</translation>
    </message>
    <message>
        <source>q · k (multiply pairwise, add up)</source>
        <translation>q · k (multiplicar par a par e somar)</translation>
    </message>
    <message>
        <source>score = q · k × scale</source>
        <translation>pontuação = q · k × escala</translation>
    </message>
    <message>
        <source>softmax over the row (this recipe)</source>
        <translation>softmax sobre a linha (esta receita)</translation>
    </message>
    <message>
        <source>the model&apos;s own weight</source>
        <translation>o próprio peso do modelo</translation>
    </message>
    <message>
        <source>difference from the model&apos;s weight</source>
        <translation>diferença em relação ao peso do modelo</translation>
    </message>
    <message>
        <source>The step-by-step view of one weight is not available for {architecture} models: LM Anatomy knows the exact recipe only for GPT-2, BERT and RoBERTa. The attention maps themselves are still the model&apos;s own.</source>
        <translation>A visão passo a passo de um peso não está disponível para modelos {architecture}: o LM Anatomy só conhece a receita exata para GPT-2, BERT e RoBERTa. Os mapas de atenção em si continuam sendo os do próprio modelo.</translation>
    </message>
    <message>
        <source>take the hidden state entering block {layer} and apply its layer norm ln_1 ({width} numbers per token)</source>
        <translation>pegar o estado oculto que entra no bloco {layer} e aplicar sua normalização de camada ln_1 ({width} números por token)</translation>
    </message>
    <message>
        <source>c_attn multiplies it by a {width}×{triple} matrix and adds a bias: {triple} numbers per token</source>
        <translation>c_attn o multiplica por uma matriz {width}×{triple} e soma um viés: {triple} números por token</translation>
    </message>
    <message>
        <source>split them into q, k and v ({width} each), then each into {heads} heads of {d_head}</source>
        <translation>dividi-los em q, k e v ({width} cada) e depois cada um em {heads} cabeças de {d_head}</translation>
    </message>
    <message>
        <source>this model does not divide scores by sqrt(d_head) (scale_attn_weights=False)</source>
        <translation>este modelo não divide as pontuações por sqrt(d_head) (scale_attn_weights=False)</translation>
    </message>
    <message>
        <source>this model also divides scores by layer number + 1 = {divisor}</source>
        <translation>este modelo também divide as pontuações pelo número da camada + 1 = {divisor}</translation>
    </message>
    <message>
        <source>this model computes the scores in float32 (reorder_and_upcast_attn); the math is the same</source>
        <translation>este modelo calcula as pontuações em float32 (reorder_and_upcast_attn); a matemática é a mesma</translation>
    </message>
    <message>
        <source>take the hidden state entering layer {layer} ({width} numbers per token; the embeddings for layer 0)</source>
        <translation>pegar o estado oculto que entra na camada {layer} ({width} números por token; os embeddings, no caso da camada 0)</translation>
    </message>
    <message>
        <source>take the hidden state entering layer {layer} ({width} numbers per token; the output of layer {previous})</source>
        <translation>pegar o estado oculto que entra na camada {layer} ({width} números por token; a saída da camada {previous})</translation>
    </message>
    <message>
        <source>the query and key Linear layers each multiply it by a {width}×{width} matrix and add a bias</source>
        <translation>cada uma das camadas Linear de consulta e de chave o multiplica por uma matriz {width}×{width} e soma um viés</translation>
    </message>
    <message>
        <source>split q and k into {heads} heads of {d_head} numbers</source>
        <translation>dividir q e k em {heads} cabeças de {d_head} números</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>camada</translation>
    </message>
    <message>
        <source>head</source>
        <translation>cabeça</translation>
    </message>
    <message>
        <source>query token</source>
        <translation>token de consulta</translation>
    </message>
    <message>
        <source>key token</source>
        <translation>token de chave</translation>
    </message>
    <message>
        <source>{name} {value} is out of range: this model and text have {size} (0 to {last}).</source>
        <translation>{name} {value} está fora do intervalo: este modelo e este texto têm {size} (de 0 a {last}).</translation>
    </message>
    <message>
        <source>This model adds position biases to its scores; the step-by-step view shows plain dot-product attention only.</source>
        <translation>Este modelo acrescenta vieses de posição às suas pontuações; a visão passo a passo mostra apenas a atenção simples por produto escalar.</translation>
    </message>
    <message>
        <source>{model} is causal: token {query} may look only at tokens 0 to {query}. Later keys get score -inf, so their weight is exactly 0.</source>
        <translation>{model} é causal: o token {query} só pode olhar para os tokens de 0 a {query}. As chaves posteriores recebem pontuação -inf, então seu peso é exatamente 0.</translation>
    </message>
    <message>
        <source>Every token may look at every other token, before and after; there is no padding to hide.</source>
        <translation>Cada token pode olhar para todos os outros tokens, antes e depois; não há preenchimento (padding) para ocultar.</translation>
    </message>
    <message>
        <source>Padding is hidden: {count} keys get score -inf and weight 0.</source>
        <translation>O preenchimento (padding) está oculto: {count} chaves recebem pontuação -inf e peso 0.</translation>
    </message>
    <message>
        <source>{model} returned no attention weights for layer {layer}.</source>
        <translation>{model} não retornou pesos de atenção para a camada {layer}.</translation>
    </message>
    <message>
        <source>The step-by-step recipe does not reproduce {model}&apos;s own weights (off by {error}), so it is not shown.</source>
        <translation>A receita passo a passo não reproduz os próprios pesos de {model} (diferença de {error}), por isso ela não é mostrada.</translation>
    </message>
    <message>
        <source>{folder} does not hold a bigram model.</source>
        <translation>{folder} não contém um modelo de bigramas.</translation>
    </message>
    <message>
        <source>Could not load the bigram model in {folder}: {reason}</source>
        <translation>Não foi possível carregar o modelo de bigramas em {folder}: {reason}</translation>
    </message>
    <message>
        <source>The number of merges must not be negative, got {k}.</source>
        <translation>O número de fusões não pode ser negativo; recebido: {k}.</translation>
    </message>
    <message>
        <source>Only GPT-2 style byte-level BPE tokenizers can be replayed merge by merge; open other tokenizer.json files as a plain tokenizer instead.</source>
        <translation>Só tokenizadores BPE em nível de bytes no estilo GPT-2 podem ser repetidos fusão por fusão; abra outros arquivos tokenizer.json como um tokenizador comum.</translation>
    </message>
    <message>
        <source>The corpus must be text (str), not bytes: decode it first.</source>
        <translation>O corpus deve ser texto (str), não bytes: decodifique-o primeiro.</translation>
    </message>
    <message>
        <source>The corpus is empty: there is no text to train on.</source>
        <translation>O corpus está vazio: não há texto para treinar.</translation>
    </message>
    <message>
        <source>special_tokens must be a list of strings, not one string.</source>
        <translation>special_tokens deve ser uma lista de strings, não uma única string.</translation>
    </message>
    <message>
        <source>The vocabulary size must be a positive whole number, got {value}.</source>
        <translation>O tamanho do vocabulário deve ser um número inteiro positivo; recebido: {value}.</translation>
    </message>
    <message>
        <source>min_frequency must be at least 1, got {value}.</source>
        <translation>min_frequency deve ser pelo menos 1; recebido: {value}.</translation>
    </message>
    <message>
        <source>Special tokens must be distinct, non-empty strings.</source>
        <translation>Os tokens especiais devem ser strings distintas e não vazias.</translation>
    </message>
    <message>
        <source>A vocabulary of {vocab} is not above the byte alphabet plus special tokens ({base}): no merges will happen, every byte stays its own token.</source>
        <translation>Um vocabulário de {vocab} não é maior que o alfabeto de bytes mais os tokens especiais ({base}): nenhuma fusão vai acontecer, e cada byte continua sendo seu próprio token.</translation>
    </message>
    <message>
        <source>The corpus is too small to train on: no pair of symbols occurs {n} times or more.</source>
        <translation>O corpus é pequeno demais para treinar: nenhum par de símbolos ocorre {n} vezes ou mais.</translation>
    </message>
    <message>
        <source>Only {merges} merges were learned (vocabulary {learned} of {vocab}): no remaining pair occurs {n} times or more. Use a larger corpus or a smaller vocabulary.</source>
        <translation>Só {merges} fusões foram aprendidas (vocabulário {learned} de {vocab}): nenhum par restante ocorre {n} vezes ou mais. Use um corpus maior ou um vocabulário menor.</translation>
    </message>
    <message>
        <source>{name} {token_id} is outside the vocabulary (size {size}).</source>
        <translation>{name} {token_id} está fora do vocabulário (tamanho {size}).</translation>
    </message>
    <message>
        <source>GPT-2 option {option} is not supported by our GPT.</source>
        <translation>A opção {option} do GPT-2 não é suportada pelo nosso GPT.</translation>
    </message>
    <message>
        <source>Only GPT-2 checkpoints can be loaded into our GPT (this one is {model_type}).</source>
        <translation>Só checkpoints GPT-2 podem ser carregados no nosso GPT (este é {model_type}).</translation>
    </message>
    <message>
        <source>Unsupported activation function {name}.</source>
        <translation>Função de ativação {name} não suportada.</translation>
    </message>
    <message>
        <source>Unsupported MLP width n_inner={width} (ours is 4 * n_embd).</source>
        <translation>Largura de MLP não suportada: n_inner={width} (a nossa é 4 * n_embd).</translation>
    </message>
    <message>
        <source>The weights have no token embedding (transformer.wte.weight); is this a GPT-2 model?</source>
        <translation>Os pesos não têm embedding de token (transformer.wte.weight); este é um modelo GPT-2?</translation>
    </message>
    <message>
        <source>The weights do not fit the configuration: {error}</source>
        <translation>Os pesos não correspondem à configuração: {error}</translation>
    </message>
    <message>
        <source>Could not read the weights in {folder}: {error}</source>
        <translation>Não foi possível ler os pesos em {folder}: {error}</translation>
    </message>
    <message>
        <source>{folder} has no {file} (only safetensors weights are loaded).</source>
        <translation>{folder} não tem {file} (só pesos safetensors são carregados).</translation>
    </message>
    <message>
        <source>{folder} has no {file}; it is not a model folder.</source>
        <translation>{folder} não tem {file}; não é uma pasta de modelo.</translation>
    </message>
    <message>
        <source>{folder} holds no training state to resume from.</source>
        <translation>{folder} não contém estado de treinamento para retomar.</translation>
    </message>
    <message>
        <source>The saved optimizer state does not match this model: {error}</source>
        <translation>O estado salvo do otimizador não corresponde a este modelo: {error}</translation>
    </message>
    <message>
        <source>{name} is not valid UTF-8: {reason} at byte {offset}. It may use another encoding, such as Latin-1 (ISO-8859-1).</source>
        <translation>{name} não é UTF-8 válido: {reason} no byte {offset}. Ele pode estar em outra codificação, como Latin-1 (ISO-8859-1).</translation>
    </message>
    <message>
        <source>{name} is {megabytes} MB, too large to load at once; it is read in chunks instead.</source>
        <translation>{name} tem {megabytes} MB, grande demais para carregar de uma vez; por isso é lido em partes.</translation>
    </message>
    <message>
        <source>Python {version} documentation topics</source>
        <translation>Tópicos da documentação do Python {version}</translation>
    </message>
    <message>
        <source>pydoc_data.topics from Python {version}&apos;s standard library ({topics} topics)</source>
        <translation>pydoc_data.topics da biblioteca padrão do Python {version} ({topics} tópicos)</translation>
    </message>
    <message>
        <source>{path} does not exist.</source>
        <translation>{path} não existe.</translation>
    </message>
    <message>
        <source>{path} is a folder; choose a text file.</source>
        <translation>{path} é uma pasta; escolha um arquivo de texto.</translation>
    </message>
    <message>
        <source>{name} is empty.</source>
        <translation>{name} está vazio.</translation>
    </message>
    <message>
        <source>{encoding} is not a text encoding Python knows.</source>
        <translation>{encoding} não é uma codificação de texto que o Python conheça.</translation>
    </message>
    <message>
        <source>{name} contains only whitespace.</source>
        <translation>{name} contém apenas espaços em branco.</translation>
    </message>
    <message>
        <source>{name} cannot be read as {encoding}: {reason} at byte {offset}.</source>
        <translation>{name} não pode ser lido como {encoding}: {reason} no byte {offset}.</translation>
    </message>
    <message>
        <source>{name} is a tar archive, which is not read here. Compress a single text file (.txt.gz, .txt.xz…) or put the text files in a .zip instead.</source>
        <translation>{name} é um arquivo tar, que não é lido aqui. Compacte um único arquivo de texto (.txt.gz, .txt.xz…) ou ponha os arquivos de texto em um .zip.</translation>
    </message>
    <message>
        <source>{name} is an empty archive.</source>
        <translation>{name} é um arquivo compactado vazio.</translation>
    </message>
    <message>
        <source>{name} holds no text files (.txt, .md, .rst); it holds {files}.</source>
        <translation>{name} não contém arquivos de texto (.txt, .md, .rst); contém {files}.</translation>
    </message>
    <message>
        <source>{name} could not be decompressed as {format}: {reason}. The file may be damaged or incomplete.</source>
        <translation>Não foi possível descompactar {name} como {format}: {reason}. O arquivo pode estar danificado ou incompleto.</translation>
    </message>
    <message>
        <source>Reading .zst files needs the zstandard package (pip install zstandard).</source>
        <translation>Para ler arquivos .zst é preciso o pacote zstandard (pip install zstandard).</translation>
    </message>
    <message>
        <source>{name} could not be read: {reason}.</source>
        <translation>Não foi possível ler {name}: {reason}.</translation>
    </message>
    <message>
        <source>{name} contains NUL characters; it looks like a binary file.</source>
        <translation>{name} contém caracteres NUL; parece ser um arquivo binário.</translation>
    </message>
    <message>
        <source>{name} looks like a binary file (it contains NUL bytes), not text.</source>
        <translation>{name} parece ser um arquivo binário (contém bytes NUL), não texto.</translation>
    </message>
    <message>
        <source>{name} looks like a binary file, not text.</source>
        <translation>{name} parece ser um arquivo binário, não texto.</translation>
    </message>
    <message>
        <source>{name} is {megabytes} MB. JSON files that large cannot be streamed; save it as JSON Lines (.jsonl, one record per line) instead.</source>
        <translation>{name} tem {megabytes} MB. Arquivos JSON tão grandes não podem ser lidos aos poucos (em streaming); salve-o como JSON Lines (.jsonl, um registro por linha).</translation>
    </message>
    <message>
        <source>{name} holds no question/answer records.</source>
        <translation>{name} não contém registros de pergunta/resposta.</translation>
    </message>
    <message>
        <source>{name}, line {line}: not valid JSON ({error}).</source>
        <translation>{name}, linha {line}: JSON inválido ({error}).</translation>
    </message>
    <message>
        <source>{name}, line {line}</source>
        <translation>{name}, linha {line}</translation>
    </message>
    <message>
        <source>{name} holds more than {megabytes} MB of JSON once decompressed. JSON files that large cannot be streamed; save it as JSON Lines (.jsonl, one record per line) instead.</source>
        <translation>{name} tem mais de {megabytes} MB de JSON depois de descompactado. Arquivos JSON desse tamanho não podem ser lidos aos poucos; salve-o como JSON Lines (.jsonl, um registro por linha).</translation>
    </message>
    <message>
        <source>{name} is not valid JSON: {error} at line {line}, column {column}.</source>
        <translation>{name} não é um JSON válido: {error} na linha {line}, coluna {column}.</translation>
    </message>
    <message>
        <source>{name}: expected a list of records with &quot;question&quot; and &quot;answer&quot;, or an object holding exactly one such list.</source>
        <translation>{name}: era esperada uma lista de registros com &quot;question&quot; e &quot;answer&quot;, ou um objeto que contenha exatamente uma lista desse tipo.</translation>
    </message>
    <message>
        <source>{name}: expected a list of question/answer records.</source>
        <translation>{name}: era esperada uma lista de registros de pergunta/resposta.</translation>
    </message>
    <message>
        <source>{name}, record {index}</source>
        <translation>{name}, registro {index}</translation>
    </message>
    <message>
        <source>{where}: each record needs a &quot;question&quot; and an &quot;answer&quot; field.</source>
        <translation>{where}: cada registro precisa de um campo &quot;question&quot; e de um campo &quot;answer&quot;.</translation>
    </message>
    <message>
        <source>Unknown device {device}; choose one of {choices}.</source>
        <translation>Dispositivo desconhecido {device}; escolha um destes: {choices}.</translation>
    </message>
    <message>
        <source>{device} was requested but is not available on this machine (available: {available}).</source>
        <translation>{device} foi solicitado, mas não está disponível nesta máquina (disponíveis: {available}).</translation>
    </message>
    <message>
        <source>{device}: {name} ({memory_gib} GiB)</source>
        <translation>{device}: {name} ({memory_gib} GiB)</translation>
    </message>
    <message>
        <source>CPU ({cores} cores)</source>
        <translation>CPU ({cores} núcleos)</translation>
    </message>
    <message>
        <source>Unknown strategy {value}; choose one of {choices}.</source>
        <translation>Estratégia desconhecida {value}; escolha uma destas: {choices}.</translation>
    </message>
    <message>
        <source>Generate at least 1 new token; got {value}.</source>
        <translation>Gere pelo menos 1 token novo; recebido: {value}.</translation>
    </message>
    <message>
        <source>Beam search needs at least 1 beam; got {value}.</source>
        <translation>A busca em feixe precisa de pelo menos 1 feixe; recebido: {value}.</translation>
    </message>
    <message>
        <source>Beam search returns between 1 and {beams} sequences (one per beam); got {value}.</source>
        <translation>A busca em feixe devolve entre 1 e {beams} sequências (uma por feixe); recebeu {value}.</translation>
    </message>
    <message>
        <source>The length penalty must be a finite number; got {value}.</source>
        <translation>A penalidade de comprimento deve ser um número finito; recebeu {value}.</translation>
    </message>
    <message>
        <source>Early stopping must be one of {choices}; got {value}.</source>
        <translation>A parada antecipada deve ser uma de {choices}; recebeu {value}.</translation>
    </message>
    <message>
        <source>The n-gram size must be 0 (off) or more; got {value}.</source>
        <translation>O tamanho do n-grama deve ser 0 (desligado) ou mais; recebeu {value}.</translation>
    </message>
    <message>
        <source>The contrastive penalty alpha must be between 0 and 1; got {value}.</source>
        <translation>O alfa da penalidade contrastiva deve estar entre 0 e 1; recebido: {value}.</translation>
    </message>
    <message>
        <source>Contrastive search needs at least 1 candidate; got {value}.</source>
        <translation>A busca contrastiva precisa de pelo menos 1 candidato; recebido: {value}.</translation>
    </message>
    <message>
        <source>The prompt already fills {model}&apos;s context of {limit} tokens.</source>
        <translation>O prompt já ocupa todo o contexto de {limit} tokens de {model}.</translation>
    </message>
    <message>
        <source>causal LM</source>
        <translation>modelo de linguagem causal</translation>
    </message>
    <message>
        <source>masked LM</source>
        <translation>modelo de linguagem mascarado</translation>
    </message>
    <message>
        <source>encoder (no LM head)</source>
        <translation>codificador (sem cabeça de modelo de linguagem)</translation>
    </message>
    <message>
        <source>text classifier</source>
        <translation>classificador de texto</translation>
    </message>
    <message>
        <source>token classifier</source>
        <translation>classificador de tokens</translation>
    </message>
    <message>
        <source>question-answering model</source>
        <translation>modelo de perguntas e respostas</translation>
    </message>
    <message>
        <source>{name} is a {kind}: it has no next-token head. Load a causal LM such as GPT-2.</source>
        <translation>{name} é um {kind}: não tem cabeça de próximo token. Carregue um modelo de linguagem causal, como o GPT-2.</translation>
    </message>
    <message>
        <source>{name} is a {kind}: it cannot fill masks. Load a masked LM such as BERT or RoBERTa.</source>
        <translation>{name} é um {kind}: não consegue preencher máscaras. Carregue um modelo de linguagem mascarado, como o BERT ou o RoBERTa.</translation>
    </message>
    <message>
        <source>{name} cannot show {capability}.</source>
        <translation>{name} não consegue mostrar {capability}.</translation>
    </message>
    <message>
        <source>The text is {n} tokens long, but {name} reads at most {limit} tokens at a time.</source>
        <translation>O texto tem {n} tokens, mas {name} lê no máximo {limit} tokens de cada vez.</translation>
    </message>
    <message>
        <source>{name} returned {maps} attention maps for {layers} layers.</source>
        <translation>{name} retornou {maps} mapas de atenção para {layers} camadas.</translation>
    </message>
    <message>
        <source>{model_type} is an encoder-decoder model; LM Anatomy shows decoder-only and encoder-only models.</source>
        <translation>{model_type} é um modelo codificador-decodificador; o LM Anatomy mostra apenas modelos só de decodificador e só de codificador.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>A pasta {folder} não existe.</translation>
    </message>
    <message>
        <source>{folder} is a file; choose the folder that holds the model.</source>
        <translation>{folder} é um arquivo; escolha a pasta que contém o modelo.</translation>
    </message>
    <message>
        <source>{name} has no config.json, so it is not a Hugging Face model folder.</source>
        <translation>{name} não tem config.json, então não é uma pasta de modelo do Hugging Face.</translation>
    </message>
    <message>
        <source>{name} has only pickle-based weights (.bin/.pt). LM Anatomy loads safetensors weights only, because pickle files can run code. Convert the model to safetensors first.</source>
        <translation>{name} tem apenas pesos no formato pickle (.bin/.pt). O LM Anatomy carrega somente pesos safetensors, porque arquivos pickle podem executar código. Converta o modelo para safetensors primeiro.</translation>
    </message>
    <message>
        <source>{name} has no model weights (*.safetensors).</source>
        <translation>{name} não tem pesos de modelo (*.safetensors).</translation>
    </message>
    <message>
        <source>{name} has no tokenizer files (tokenizer.json, vocab.json/merges.txt or vocab.txt).</source>
        <translation>{name} não tem arquivos de tokenizador (tokenizer.json, vocab.json/merges.txt ou vocab.txt).</translation>
    </message>
    <message>
        <source>Could not download {source}: the Hugging Face hub cannot be reached (offline?). Download the model on a connected machine and use File &gt; Open model folder.</source>
        <translation>Não foi possível baixar {source}: não é possível acessar o hub do Hugging Face (sem conexão?). Baixe o modelo em uma máquina conectada e use Arquivo &gt; Abrir pasta de modelo.</translation>
    </message>
    <message>
        <source>No model named {source} was found on the Hugging Face hub.</source>
        <translation>Nenhum modelo chamado {source} foi encontrado no hub do Hugging Face.</translation>
    </message>
    <message>
        <source>config.json of {source} is not valid JSON: {error}.</source>
        <translation>O config.json de {source} não é um JSON válido: {error}.</translation>
    </message>
    <message>
        <source>Could not read config.json in {source}: {error}</source>
        <translation>Não foi possível ler o config.json em {source}: {error}</translation>
    </message>
    <message>
        <source>{name} needs custom code from its authors to run (trust_remote_code). LM Anatomy never runs downloaded code; choose another model.</source>
        <translation>{name} precisa de código personalizado dos autores para rodar (trust_remote_code). O LM Anatomy nunca executa código baixado; escolha outro modelo.</translation>
    </message>
    <message>
        <source>{name} uses an architecture ({model_type}) that the installed transformers library does not know, or that needs custom code. ({detail})</source>
        <translation>{name} usa uma arquitetura ({model_type}) que a biblioteca transformers instalada não conhece ou que precisa de código personalizado. ({detail})</translation>
    </message>
    <message>
        <source>Could not load the tokenizer of {source}: {error}</source>
        <translation>Não foi possível carregar o tokenizador de {source}: {error}</translation>
    </message>
    <message>
        <source>The tokenizer of {source} needs custom code; it is not loaded.</source>
        <translation>O tokenizador de {source} precisa de código personalizado; ele não foi carregado.</translation>
    </message>
    <message>
        <source>The tokenizer files of {source} are broken: {error}</source>
        <translation>Os arquivos do tokenizador de {source} estão corrompidos: {error}</translation>
    </message>
    <message>
        <source>{n} weights were missing from the checkpoint and were initialised at random (e.g. {example}); this model&apos;s predictions will be meaningless.</source>
        <translation>{n} pesos estavam faltando no checkpoint e foram inicializados aleatoriamente (p. ex. {example}); as previsões deste modelo não terão sentido.</translation>
    </message>
    <message>
        <source>{name} does not fit in the memory of {device}. Close other programs, or choose a smaller model.</source>
        <translation>{name} não cabe na memória de {device}. Feche outros programas ou escolha um modelo menor.</translation>
    </message>
    <message>
        <source>The weights of {name} could not be read; the file may be damaged or incomplete. ({detail})</source>
        <translation>Não foi possível ler os pesos de {name}; o arquivo pode estar danificado ou incompleto. ({detail})</translation>
    </message>
    <message>
        <source>Unknown precision {value}; choose fp32, fp16, bf16 or int8.</source>
        <translation>Precisão desconhecida {value}; escolha fp32, fp16, bf16 ou int8.</translation>
    </message>
    <message>
        <source>This PyTorch version no longer offers dynamic int8 quantization (torch.ao).</source>
        <translation>Esta versão do PyTorch não oferece mais quantização dinâmica int8 (torch.ao).</translation>
    </message>
    <message>
        <source>The text is empty: type some text first.</source>
        <translation>O texto está vazio: digite algum texto primeiro.</translation>
    </message>
    <message>
        <source>The prompt is {n} tokens long, but {model} reads at most {limit} tokens. Shorten the prompt.</source>
        <translation>O prompt tem {n} tokens, mas {model} lê no máximo {limit} tokens. Encurte o prompt.</translation>
    </message>
    <message>
        <source>The tokenizer of {model} has no mask token, so it cannot fill masks.</source>
        <translation>O tokenizador de {model} não tem token de máscara, então não consegue preencher máscaras.</translation>
    </message>
    <message>
        <source>The text has no mask: write {mask} where the model should guess a word.</source>
        <translation>O texto não tem máscara: escreva {mask} onde o modelo deve adivinhar uma palavra.</translation>
    </message>
    <message>
        <source>Temperature must be 0 or more (0 always picks the most likely token); got {value}.</source>
        <translation>A temperatura deve ser 0 ou mais (0 sempre escolhe o token mais provável); recebido: {value}.</translation>
    </message>
    <message>
        <source>Top-k must be a whole number, 0 or more (0 turns it off); got {value}.</source>
        <translation>O top-k deve ser um número inteiro, 0 ou mais (0 o desativa); recebido: {value}.</translation>
    </message>
    <message>
        <source>Top-p must be more than 0 and at most 1 (1 turns it off); got {value}.</source>
        <translation>O top-p deve ser maior que 0 e no máximo 1 (1 o desativa); recebido: {value}.</translation>
    </message>
    <message>
        <source>Min-p must be between 0 and 1 (0 turns it off); got {value}.</source>
        <translation>O min-p deve estar entre 0 e 1 (0 o desativa); recebido: {value}.</translation>
    </message>
    <message>
        <source>The repetition penalty must be more than 0 (1 turns it off); got {value}.</source>
        <translation>A penalidade de repetição deve ser maior que 0 (1 a desativa); recebido: {value}.</translation>
    </message>
    <message>
        <source>The order must be one of {choices}; got {value}.</source>
        <translation>A ordem deve ser uma destas: {choices}; recebido: {value}.</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>não instalado</translation>
    </message>
    <message>
        <source>torch is not installed</source>
        <translation>o torch não está instalado</translation>
    </message>
    <message>
        <source>CUDA {index}: {name}, {memory_gib} GiB (CUDA {version})</source>
        <translation>CUDA {index}: {name}, {memory_gib} GiB (CUDA {version})</translation>
    </message>
    <message>
        <source>MPS: Apple GPU (Metal)</source>
        <translation>MPS: GPU da Apple (Metal)</translation>
    </message>
    <message>
        <source>CPU: {processor}, {threads} threads</source>
        <translation>CPU: {processor}, {threads} threads</translation>
    </message>
    <message>
        <source>{system} {release} ({machine}), Python at {python}</source>
        <translation>{system} {release} ({machine}), Python em {python}</translation>
    </message>
    <message>
        <source>The corpus is too short: its train split has {n} tokens, but one training example needs block_size + 1 = {need} tokens. Use a longer corpus or a smaller block size (at most {most}).</source>
        <translation>O corpus é curto demais: sua parte de treino tem {n} tokens, mas um exemplo de treinamento precisa de block_size + 1 = {need} tokens. Use um corpus mais longo ou um tamanho de bloco menor (no máximo {most}).</translation>
    </message>
    <message>
        <source>The corpus is too short: its val split has {n} tokens, but one training example needs block_size + 1 = {need} tokens. Use a longer corpus or a smaller block size (at most {most}).</source>
        <translation>O corpus é curto demais: sua parte de validação tem {n} tokens, mas um exemplo de treinamento precisa de block_size + 1 = {need} tokens. Use um corpus mais longo ou um tamanho de bloco menor (no máximo {most}).</translation>
    </message>
    <message>
        <source>Type at least one sentence.</source>
        <translation>Digite pelo menos uma frase.</translation>
    </message>
    <message>
        <source>The reference sample “{name}” is not among the samples.</source>
        <translation>A amostra de referência “{name}” não está entre as amostras.</translation>
    </message>
    <message>
        <source>The reference sample “{name}” has no tokens.</source>
        <translation>A amostra de referência “{name}” não tem tokens.</translation>
    </message>
    <message>
        <source>Expected text (str), got {kind}.</source>
        <translation>Era esperado texto (str), mas foi recebido {kind}.</translation>
    </message>
    <message>
        <source>The text holds an invalid character (an unpaired surrogate) at position {position}.</source>
        <translation>O texto contém um caractere inválido (um surrogate sem par) na posição {position}.</translation>
    </message>
    <message>
        <source>Id {id} is outside the vocabulary (size {size}).</source>
        <translation>O id {id} está fora do vocabulário (tamanho {size}).</translation>
    </message>
    <message>
        <source>The display limit must not be negative.</source>
        <translation>O limite de exibição não pode ser negativo.</translation>
    </message>
    <message>
        <source>The held-out fraction must be between 0 and 1, got {fraction}.</source>
        <translation>A fração reservada deve estar entre 0 e 1; recebido: {fraction}.</translation>
    </message>
    <message>
        <source>A character vocabulary needs at least one character.</source>
        <translation>Um vocabulário de caracteres precisa de pelo menos um caractere.</translation>
    </message>
    <message>
        <source>A character vocabulary must hold distinct single characters.</source>
        <translation>Um vocabulário de caracteres deve conter caracteres únicos e distintos.</translation>
    </message>
    <message>
        <source>The corpus is empty: there are no characters to build a vocabulary from.</source>
        <translation>O corpus está vazio: não há caracteres com os quais construir um vocabulário.</translation>
    </message>
    <message>
        <source>{name} is not a character tokenizer written by LM Anatomy.</source>
        <translation>{name} não é um tokenizador de caracteres criado pelo LM Anatomy.</translation>
    </message>
    <message>
        <source>A word vocabulary must hold distinct words other than [UNK].</source>
        <translation>Um vocabulário de palavras deve conter palavras distintas, diferentes de [UNK].</translation>
    </message>
    <message>
        <source>min_frequency must be at least 1.</source>
        <translation>min_frequency deve ser pelo menos 1.</translation>
    </message>
    <message>
        <source>The corpus is empty: it holds no words to build a vocabulary from.</source>
        <translation>O corpus está vazio: não contém palavras com as quais construir um vocabulário.</translation>
    </message>
    <message>
        <source>{name} is not a readable tokenizer.json file: {reason}</source>
        <translation>{name} não é um arquivo tokenizer.json legível: {reason}</translation>
    </message>
    <message>
        <source>{name} is not a tokenizer.json file (no &apos;model&apos; entry).</source>
        <translation>{name} não é um arquivo tokenizer.json (não há a entrada &apos;model&apos;).</translation>
    </message>
    <message>
        <source>{name} could not be loaded: {reason}</source>
        <translation>Não foi possível carregar {name}: {reason}</translation>
    </message>
    <message>
        <source>Cannot start training: {problems}.</source>
        <translation>Não é possível iniciar o treinamento: {problems}.</translation>
    </message>
    <message>
        <source>model type must be one of {choices}</source>
        <translation>o tipo de modelo deve ser um destes: {choices}</translation>
    </message>
    <message>
        <source>n_embd ({n_embd}) must be divisible by n_head ({n_head}), since each head gets n_embd / n_head dimensions; try n_embd = {suggestion}</source>
        <translation>n_embd ({n_embd}) deve ser divisível por n_head ({n_head}), pois cada cabeça recebe n_embd / n_head dimensões; tente n_embd = {suggestion}</translation>
    </message>
    <message>
        <source>{name} must be at least 1 (got {value})</source>
        <translation>{name} deve ser pelo menos 1 (recebido: {value})</translation>
    </message>
    <message>
        <source>learning rate must be positive (got {value})</source>
        <translation>a taxa de aprendizado deve ser positiva (recebido: {value})</translation>
    </message>
    <message>
        <source>min_lr must be between 0 and the learning rate (got {value})</source>
        <translation>min_lr deve estar entre 0 e a taxa de aprendizado (recebido: {value})</translation>
    </message>
    <message>
        <source>warmup_iters must not be negative</source>
        <translation>warmup_iters não pode ser negativo</translation>
    </message>
    <message>
        <source>dropout must be in [0, 1) (got {value})</source>
        <translation>dropout deve estar em [0, 1) (recebido: {value})</translation>
    </message>
    <message>
        <source>mlm_probability must be in (0, 1) (got {value})</source>
        <translation>mlm_probability deve estar em (0, 1) (recebido: {value})</translation>
    </message>
    <message>
        <source>epochs must be positive (got {value})</source>
        <translation>epochs deve ser positivo (recebido: {value})</translation>
    </message>
    <message>
        <source>val_fraction must be in (0, 1) (got {value})</source>
        <translation>val_fraction deve estar em (0, 1) (recebido: {value})</translation>
    </message>
    <message>
        <source>dtype must be one of {choices}</source>
        <translation>dtype deve ser um de {choices}</translation>
    </message>
    <message>
        <source>baseline must be &apos;bigram&apos;, &apos;unigram&apos; or None</source>
        <translation>baseline deve ser &apos;bigram&apos;, &apos;unigram&apos; ou None</translation>
    </message>
    <message>
        <source>activation must be one of {choices}</source>
        <translation>a ativação precisa ser uma de {choices}</translation>
    </message>
    <message>
        <source>init_from must be one of {choices}</source>
        <translation>init_from deve ser um de {choices}</translation>
    </message>
    <message>
        <source>resuming needs out_dir (the folder holding the &apos;last&apos; checkpoint)</source>
        <translation>retomar exige out_dir (a pasta que contém o checkpoint &apos;last&apos;)</translation>
    </message>
    <message>
        <source>fine-tuning needs model_type &apos;gpt&apos; (a GPT-2-format folder) or &apos;mlm&apos; (a masked-LM folder) and finetune_from</source>
        <translation>o ajuste fino precisa de model_type &apos;gpt&apos; (uma pasta no formato GPT-2) ou &apos;mlm&apos; (uma pasta de LM mascarado) e de finetune_from</translation>
    </message>
    <message>
        <source>Unknown preset {name}; choose one of {choices}.</source>
        <translation>Predefinição desconhecida {name}; escolha uma de {choices}.</translation>
    </message>
    <message>
        <source>There is no checkpoint to resume from in {folder}.</source>
        <translation>Não há checkpoint para retomar em {folder}.</translation>
    </message>
    <message>
        <source>Could not read {path}: {reason}</source>
        <translation>Não foi possível ler {path}: {reason}</translation>
    </message>
    <message>
        <source>{folder} holds no tokenizer that can be loaded: {reason}</source>
        <translation>{folder} não contém um tokenizador que possa ser carregado: {reason}</translation>
    </message>
    <message>
        <source>The model knows {model} token ids but the data uses {data}; tokenize the corpus with the model&apos;s own tokenizer.</source>
        <translation>O modelo conhece {model} ids de token, mas os dados usam {data}; tokenize o corpus com o próprio tokenizador do modelo.</translation>
    </message>
    <message>
        <source>block_size {block} is longer than the model&apos;s context ({context}).</source>
        <translation>block_size {block} é maior que o contexto do modelo ({context}).</translation>
    </message>
    <message>
        <source>the training loss</source>
        <translation>a perda de treino</translation>
    </message>
    <message>
        <source>the train loss</source>
        <translation>a perda de treino</translation>
    </message>
    <message>
        <source>the val loss</source>
        <translation>a perda de validação</translation>
    </message>
    <message>
        <source>Training stopped at step {step}: {what} became NaN or infinite. The learning rate ({lr}) is probably too high; try a smaller one or more warmup steps. The best checkpoint (val loss {loss:.4f}) is kept.</source>
        <translation>O treinamento parou no passo {step}: {what} virou NaN ou infinita. A taxa de aprendizado ({lr}) provavelmente está alta demais; tente uma menor ou mais passos de aquecimento. O melhor checkpoint (perda de validação {loss:.4f}) foi mantido.</translation>
    </message>
    <message>
        <source>Training stopped at step {step}: {what} became NaN or infinite. The learning rate ({lr}) is probably too high; try a smaller one or more warmup steps.</source>
        <translation>O treinamento parou no passo {step}: {what} virou NaN ou infinita. A taxa de aprendizado ({lr}) provavelmente está alta demais; tente uma menor ou mais passos de aquecimento.</translation>
    </message>
    <message>
        <source>The GPU ran out of memory with batch size {batch} and block size {block}. Try a smaller batch size (e.g. {half}) or block size; gradient accumulation keeps the effective batch size. Memory has been released.</source>
        <translation>Memória insuficiente na GPU com tamanho de batch {batch} e tamanho de bloco {block}. Tente um tamanho de batch menor (por exemplo, {half}) ou um tamanho de bloco menor; a acumulação de gradiente mantém o tamanho de batch efetivo. A memória foi liberada.</translation>
    </message>
    <message>
        <source>Checkpoint problem: {reason}</source>
        <translation>Problema no checkpoint: {reason}</translation>
    </message>
    <message>
        <source>Training failed: {kind}: {reason}</source>
        <translation>O treinamento falhou: {kind}: {reason}</translation>
    </message>
    <message>
        <source>Portuguese texts written for LM Anatomy</source>
        <translation>Textos em português escritos para o LM Anatomy</translation>
    </message>
    <message>
        <source>{files} files of Brazilian Portuguese prose in assets/corpora/pt_BR (everyday life, and how language models work)</source>
        <translation>{files} arquivos de prosa em português do Brasil em assets/corpora/pt_BR (o dia a dia e como funcionam os modelos de linguagem)</translation>
    </message>
    <message>
        <source>Built-in corpora, English and Portuguese</source>
        <translation>Corpora embutidos, inglês e português</translation>
    </message>
    <message>
        <source>{english} + {portuguese}</source>
        <translation>{english} + {portuguese}</translation>
    </message>
    <message>
        <source>The {beams} beams must split evenly into groups; got {groups} groups.</source>
        <translation>Os {beams} feixes devem se dividir igualmente entre os grupos; recebeu {groups} grupos.</translation>
    </message>
    <message>
        <source>The diversity penalty must be 0 or more; got {value}.</source>
        <translation>A penalidade de diversidade deve ser 0 ou mais; recebeu {value}.</translation>
    </message>
    <message>
        <source>The logit lens cannot find the blocks, final layer norm and output head of {model}; it reads our GPT, GPT-2 and models built like Llama or Qwen.</source>
        <translation>A lente de logits não encontra os blocos, a normalização final e a cabeça de saída de {model}; ela lê o nosso GPT, o GPT-2 e modelos construídos como o Llama ou o Qwen.</translation>
    </message>
    <message>
        <source>The draft model {draft} uses another tokenizer than {model}; speculative decoding needs both to share one (train the draft on the same tokenizer).</source>
        <translation>O modelo rascunho {draft} usa outro tokenizador que {model}; a decodificação especulativa precisa que os dois compartilhem um (treine o rascunho com o mesmo tokenizador).</translation>
    </message>
    <message>
        <source>Propose at least 1 draft token per round; got {value}.</source>
        <translation>Proponha pelo menos 1 token de rascunho por rodada; recebeu {value}.</translation>
    </message>
    <message>
        <source>The prompt fills the draft model&apos;s context of {limit} tokens.</source>
        <translation>O prompt já ocupa o contexto de {limit} tokens do modelo rascunho.</translation>
    </message>
    <message>
        <source>Type a question about the text first.</source>
        <translation>Digite primeiro uma pergunta sobre o texto.</translation>
    </message>
    <message>
        <source>{model} has no fast tokenizer, which finding an answer&apos;s characters needs.</source>
        <translation>{model} não tem um tokenizador rápido (fast), que é necessário para achar os caracteres de uma resposta.</translation>
    </message>
    <message>
        <source>Batches with padding need a Hugging Face tokenizer (the model&apos;s own).</source>
        <translation>Lotes com preenchimento precisam de um tokenizador do Hugging Face (o do próprio modelo).</translation>
    </message>
    <message>
        <source>This tokenizer has neither a pad token nor an end-of-text token to pad with.</source>
        <translation>Este tokenizador não tem token de preenchimento nem token de fim de texto para preencher.</translation>
    </message>
    <message>
        <source>Give the sentences as a list, one string each.</source>
        <translation>Dê as frases como uma lista, uma string cada.</translation>
    </message>
    <message>
        <source>padding must be one of {choices}</source>
        <translation>padding deve ser um de {choices}</translation>
    </message>
    <message>
        <source>padding_side must be one of {choices}</source>
        <translation>padding_side deve ser um de {choices}</translation>
    </message>
    <message>
        <source>The maximum length must be at least 1 (got {value}).</source>
        <translation>O comprimento máximo deve ser pelo menos 1 (recebido: {value}).</translation>
    </message>
    <message>
        <source>Padding to a maximum length and truncation need a maximum length.</source>
        <translation>Preencher até um comprimento máximo e truncar precisam de um comprimento máximo.</translation>
    </message>
    <message>
        <source>Turn {n} needs a role (system, user or assistant) and a text.</source>
        <translation>O turno {n} precisa de um papel (system, user ou assistant) e de um texto.</translation>
    </message>
    <message>
        <source>This tokenizer has no chat template of its own; choose one of the example templates.</source>
        <translation>Este tokenizador não tem um modelo de chat próprio; escolha um dos modelos de exemplo.</translation>
    </message>
    <message>
        <source>The chat template failed: {reason}</source>
        <translation>O modelo de chat falhou: {reason}</translation>
    </message>
    <message>
        <source>gradient_accumulation_steps ({steps}) must be a multiple of the number of processes ({processes}): each process does an equal share.</source>
        <translation>gradient_accumulation_steps ({steps}) precisa ser múltiplo do número de processos ({processes}): cada processo faz uma parte igual.</translation>
    </message>
    <message>
        <source>{name} has a task head ({task}), not a language-model head: there is no next or hidden token for it to learn.</source>
        <translation>{name} tem uma cabeça de tarefa ({task}), não uma cabeça de modelo de linguagem: não há próximo token nem token oculto para ele aprender.</translation>
    </message>
    <message>
        <source>Fine-tuning a causal LM works on GPT-2 style models; {name} is a {arch}.</source>
        <translation>O ajuste fino de um LM causal funciona em modelos no estilo GPT-2; {name} é um {arch}.</translation>
    </message>
    <message>
        <source>{name} is a plain encoder ({arch}): it has no language-model head to train.</source>
        <translation>{name} é só um codificador ({arch}): não tem cabeça de modelo de linguagem para treinar.</translation>
    </message>
    <message>
        <source>{name} was loaded by name; fine-tuning needs a model folder on disk.</source>
        <translation>{name} foi carregado pelo nome; o ajuste fino precisa de uma pasta de modelo no disco.</translation>
    </message>
    <message>
        <source>The tokenizer has no end-of-text token to close each question/answer record with.</source>
        <translation>O tokenizador não tem um token de fim de texto para fechar cada registro de pergunta e resposta.</translation>
    </message>
    <message>
        <source>Could not delete {folder}: {error}</source>
        <translation>Não foi possível excluir {folder}: {error}</translation>
    </message>
</context>
<context>
    <name>CorpusDialogs</name>
    <message>
        <source>Choose the text encoding</source>
        <translation>Escolha a codificação do texto</translation>
    </message>
    <message>
        <source>{name} is not UTF-8. charset-normalizer detected {encoding}. Check the preview and pick another encoding if its letters look wrong; your choice is remembered for this file.</source>
        <translation>{name} não está em UTF-8. O charset-normalizer detectou {encoding}. Confira a prévia e escolha outra codificação se as letras parecerem erradas; sua escolha fica guardada para este arquivo.</translation>
    </message>
    <message>
        <source>{name} is read as {encoding}. Pick another encoding if its letters look wrong; your choice is remembered for this file.</source>
        <translation>{name} é lido como {encoding}. Escolha outra codificação se as letras parecerem erradas; sua escolha fica guardada para este arquivo.</translation>
    </message>
    <message>
        <source>{encoding} (detected)</source>
        <translation>{encoding} (detectada)</translation>
    </message>
    <message>
        <source>Preview of the file in this encoding</source>
        <translation>Prévia do arquivo nesta codificação</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>&amp;Codificação:</translation>
    </message>
    <message>
        <source>Lines of the file with letters beyond ASCII:</source>
        <translation>Linhas do arquivo com letras além do ASCII:</translation>
    </message>
    <message>
        <source>{count} characters cannot be read as {encoding}; they show as �.</source>
        <translation>{count} caracteres não podem ser lidos como {encoding}; aparecem como �.</translation>
    </message>
    <message>
        <source>Every byte of the preview reads as {encoding}.</source>
        <translation>Todos os bytes da prévia são lidos como {encoding}.</translation>
    </message>
    <message>
        <source>&amp;Read as {encoding}</source>
        <translation>&amp;Ler como {encoding}</translation>
    </message>
    <message>
        <source>Repair garbled text?</source>
        <translation>Reparar o texto corrompido?</translation>
    </message>
    <message>
        <source>{name} holds mojibake: text decoded with the wrong encoding somewhere on its way, such as “Ã©” for “é”. ftfy can repair it: {characters} characters on {lines} lines would change. Nothing changes unless you choose it; your choice is remembered for this file.</source>
        <translation>{name} contém mojibake: texto decodificado com a codificação errada em algum ponto do caminho, como “Ã©” no lugar de “é”. O ftfy pode repará-lo: {characters} caracteres em {lines} linhas mudariam. Nada muda se você não escolher; sua escolha fica guardada para este arquivo.</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Antes</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Depois</translation>
    </message>
    <message>
        <source>Examples of the repair</source>
        <translation>Exemplos do reparo</translation>
    </message>
    <message>
        <source>&amp;Repair the text</source>
        <translation>&amp;Reparar o texto</translation>
    </message>
    <message>
        <source>&amp;Keep it as it is</source>
        <translation>&amp;Manter como está</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>Algo deu errado</translation>
    </message>
    <message>
        <source>LM Anatomy hit an unexpected error. Your work is still open; you can keep going.</source>
        <translation>O LM Anatomy encontrou um erro inesperado. Seu trabalho continua aberto; você pode seguir em frente.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copiar detalhes</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
</context>
<context>
    <name>HelpPanel</name>
    <message>
        <source>The help text for this tab is missing ({path}).</source>
        <translation>O texto de ajuda desta aba está faltando ({path}).</translation>
    </message>
    <message>
        <source>What am I looking at?</source>
        <translation>O que estou vendo?</translation>
    </message>
    <message>
        <source>Show or hide an explanation of this tab, with a worked example.</source>
        <translation>Mostra ou oculta uma explicação desta aba, com um exemplo resolvido.</translation>
    </message>
    <message>
        <source>Show the code…</source>
        <translation>Mostrar o código…</translation>
    </message>
    <message>
        <source>Read the Python function that computes what this tab shows.</source>
        <translation>Leia a função Python que calcula o que esta aba mostra.</translation>
    </message>
    <message>
        <source>Explanation of this tab</source>
        <translation>Explicação desta aba</translation>
    </message>
</context>
<context>
    <name>LessonMode</name>
    <message>
        <source>This step&apos;s action was skipped: {error}</source>
        <translation>A ação desta etapa foi pulada: {error}</translation>
    </message>
    <message>
        <source>This window has no such tab, so the lesson only explains this step.</source>
        <translation>Esta janela não tem essa aba, então a aula apenas explica esta etapa.</translation>
    </message>
    <message>
        <source>The corpus is still being read; the BPE trains by itself as soon as it is ready.</source>
        <translation>O corpus ainda está sendo lido; o BPE é treinado automaticamente assim que ele estiver pronto.</translation>
    </message>
    <message>
        <source>The lesson pressed Train in the BPE panel.</source>
        <translation>A aula clicou em Treinar no painel BPE.</translation>
    </message>
    <message>
        <source>A training run is already going: watch its loss curve.</source>
        <translation>Um treinamento já está em andamento: acompanhe a curva de perda dele.</translation>
    </message>
    <message>
        <source>The lesson&apos;s run has already been trained; press Redo this step to train again.</source>
        <translation>O treinamento da aula já foi feito; clique em Refazer esta etapa para treinar de novo.</translation>
    </message>
    <message>
        <source>There is no corpus yet: open one with File &gt; Open corpus, then press Redo this step.</source>
        <translation>Ainda não há corpus: abra um com Arquivo &gt; Abrir corpus e depois clique em Refazer esta etapa.</translation>
    </message>
    <message>
        <source>the Training tab says why</source>
        <translation>a aba Treinamento explica o motivo</translation>
    </message>
    <message>
        <source>Training could not start: {why}</source>
        <translation>Não foi possível iniciar o treinamento: {why}</translation>
    </message>
    <message>
        <source>Training started: {n} steps. It keeps running while you go on.</source>
        <translation>Treinamento iniciado: {n} passos. Ele continua rodando enquanto você avança.</translation>
    </message>
    <message>
        <source>Training is still running, so this is the current model. The lesson switches to the trained one when the run ends.</source>
        <translation>O treinamento ainda está em andamento, então este é o modelo atual. A aula passa para o modelo treinado quando o treinamento terminar.</translation>
    </message>
    <message>
        <source>Loading the model trained in step 3.</source>
        <translation>Carregando o modelo treinado na etapa 3.</translation>
    </message>
    <message>
        <source>This is the model trained in step 3.</source>
        <translation>Este é o modelo treinado na etapa 3.</translation>
    </message>
    <message>
        <source>No trained model is ready, so this is the current model, {name}.</source>
        <translation>Nenhum modelo treinado está pronto, então este é o modelo atual, {name}.</translation>
    </message>
    <message>
        <source>There is no model yet: load one with File &gt; Open model folder, or finish step 3.</source>
        <translation>Ainda não há modelo: carregue um com Arquivo &gt; Abrir pasta de modelo ou conclua a etapa 3.</translation>
    </message>
    <message>
        <source>The current model cannot predict a next token, so there is nothing to sample; load a GPT-style model.</source>
        <translation>O modelo atual não consegue prever um próximo token, então não há nada para amostrar; carregue um modelo do tipo GPT.</translation>
    </message>
    <message>
        <source>The model could not predict the next token; the message on the tab says why.</source>
        <translation>O modelo não conseguiu prever o próximo token; a mensagem na aba explica o motivo.</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Concluir</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Avançar</translation>
    </message>
    <message>
        <source>&amp;Lesson mode</source>
        <translation>Modo &amp;aula</translation>
    </message>
    <message>
        <source>A guided 15-minute walk through the four tabs, for a class</source>
        <translation>Um percurso guiado de 15 minutos pelas quatro abas, para uma aula</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Aula</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Voltar</translation>
    </message>
    <message>
        <source>Redo this step</source>
        <translation>Refazer esta etapa</translation>
    </message>
    <message>
        <source>Shortcut: {keys}</source>
        <translation>Atalho: {keys}</translation>
    </message>
    <message>
        <source>Do this step&apos;s action again (for example, train once more)</source>
        <translation>Refaz a ação desta etapa (por exemplo, treinar mais uma vez)</translation>
    </message>
    <message>
        <source>Lesson: next step</source>
        <translation>Aula: próxima etapa</translation>
    </message>
    <message>
        <source>Lesson: previous step</source>
        <translation>Aula: etapa anterior</translation>
    </message>
    <message>
        <source>Step 1 of 5: one sentence, three tokenizers</source>
        <translation>Etapa 1 de 5: uma frase, três tokenizadores</translation>
    </message>
    <message>
        <source>The same sentence is cut into characters, into words and into BPE pieces. Compare how many tokens each one needs, and look for [UNK] in the word row: a word the vocabulary has never seen.</source>
        <translation>A mesma frase é cortada em caracteres, em palavras e em pedaços BPE. Compare quantos tokens cada um precisa e procure [UNK] na linha de palavras: uma palavra que o vocabulário nunca viu.</translation>
    </message>
    <message>
        <source>Step 2 of 5: train a BPE on the corpus</source>
        <translation>Etapa 2 de 5: treinar um BPE com o corpus</translation>
    </message>
    <message>
        <source>The BPE panel learns merges from the corpus: the most frequent pair of tokens becomes a new token, again and again. Drag the merges slider from 0 to the end and watch the sentence&apos;s pieces join.</source>
        <translation>O painel BPE aprende fusões a partir do corpus: o par de tokens mais frequente vira um novo token, de novo e de novo. Arraste o controle deslizante de fusões do 0 até o fim e veja os pedaços da frase se juntarem.</translation>
    </message>
    <message>
        <source>Step 3 of 5: train a small model</source>
        <translation>Etapa 3 de 5: treinar um modelo pequeno</translation>
    </message>
    <message>
        <source>A small GPT (the CPU quick preset, shortened to {n} steps) learns to predict the next character of the corpus. Watch the loss fall: the val points are measured on text the model never trains on.</source>
        <translation>Um GPT pequeno (a predefinição Rápido (CPU), encurtada para {n} passos) aprende a prever o próximo caractere do corpus. Veja a perda cair: os pontos de validação são medidos em um texto com o qual o modelo nunca treina.</translation>
    </message>
    <message>
        <source>Step 4 of 5: look at attention</source>
        <translation>Etapa 4 de 5: observar a atenção</translation>
    </message>
    <message>
        <source>Each row shows which tokens one token looks at; the upper triangle is empty because a token cannot see the future. Change the layer and the head: each head learns its own pattern.</source>
        <translation>Cada linha mostra para quais tokens um token olha; o triângulo superior fica vazio porque um token não pode ver o futuro. Troque a camada e a cabeça: cada cabeça aprende o seu próprio padrão.</translation>
    </message>
    <message>
        <source>Step 5 of 5: the next token at a low temperature (0.5)</source>
        <translation>Etapa 5 de 5: o próximo token com temperatura baixa (0,5)</translation>
    </message>
    <message>
        <source>A low temperature sharpens the distribution: the dark bars of likely tokens grow and the unlikely ones shrink. The lesson pressed Sample once; press it a few more times and compare.</source>
        <translation>Uma temperatura baixa deixa a distribuição mais concentrada: as barras escuras dos tokens prováveis crescem e as dos improváveis encolhem. A aula clicou em Amostrar uma vez; clique mais algumas vezes e compare.</translation>
    </message>
    <message>
        <source>Step 5 of 5: the next token at a high temperature (1.5)</source>
        <translation>Etapa 5 de 5: o próximo token com temperatura alta (1.5)</translation>
    </message>
    <message>
        <source>A high temperature flattens the distribution, so unlikely tokens get a real chance. Press Sample a few times: the text becomes more surprising, and sometimes nonsense.</source>
        <translation>Uma temperatura alta achata a distribuição, então tokens improváveis ganham uma chance real. Clique em Amostrar algumas vezes: o texto fica mais surpreendente e, às vezes, sem sentido.</translation>
    </message>
    <message>
        <source>Step 5 of 5: three temperatures side by side</source>
        <translation>Etapa 5 de 5: três temperaturas lado a lado</translation>
    </message>
    <message>
        <source>The same prompt at temperatures 0.5, 1 and 1.5. Temperature does not make the model know more; it only changes how boldly we draw from what it predicts. This is the end of the lesson.</source>
        <translation>O mesmo prompt com temperaturas 0.5, 1 e 1.5. A temperatura não faz o modelo saber mais; ela só muda a ousadia com que sorteamos a partir do que ele prevê. Este é o fim da aula.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>E&amp;xibir</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>Open &amp;model folder...</source>
        <translation>Abrir pasta de &amp;modelo...</translation>
    </message>
    <message>
        <source>&amp;Load model by name...</source>
        <translation>Carregar modelo por &amp;nome...</translation>
    </message>
    <message>
        <source>&amp;Recent models</source>
        <translation>Modelos &amp;recentes</translation>
    </message>
    <message>
        <source>Use &amp;built-in model</source>
        <translation>Usar modelo &amp;embutido</translation>
    </message>
    <message>
        <source>Open &amp;corpus...</source>
        <translation>Abrir c&amp;orpus...</translation>
    </message>
    <message>
        <source>Recent c&amp;orpora</source>
        <translation>Corpora recen&amp;tes</translation>
    </message>
    <message>
        <source>Corpus te&amp;xt encoding…</source>
        <translation>Codificação do te&amp;xto do corpus…</translation>
    </message>
    <message>
        <source>Read the current corpus file again in another encoding</source>
        <translation>Ler de novo o arquivo do corpus atual em outra codificação</translation>
    </message>
    <message>
        <source>B&amp;uilt-in corpus</source>
        <translation>Corpus em&amp;butido</translation>
    </message>
    <message>
        <source>&amp;English: Python&apos;s documentation topics</source>
        <translation>&amp;Inglês: tópicos da documentação do Python</translation>
    </message>
    <message>
        <source>&amp;Portuguese: texts written for LM Anatomy</source>
        <translation>&amp;Português: textos escritos para o LM Anatomy</translation>
    </message>
    <message>
        <source>Sa&amp;ved runs…</source>
        <translation>Treinos sal&amp;vos…</translation>
    </message>
    <message>
        <source>The training runs saved so far: use, resume or delete one</source>
        <translation>Os treinos salvos até agora: use, retome ou exclua um</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xportar…</translation>
    </message>
    <message>
        <source>Save the current tab&apos;s plots (PNG, SVG) and tables (CSV)</source>
        <translation>Salva os gráficos (PNG, SVG) e as tabelas (CSV) da aba atual</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Aumentar zoom</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>&amp;Diminuir zoom</translation>
    </message>
    <message>
        <source>&amp;Normal size</source>
        <translation>Tamanho &amp;normal</translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation>&amp;Tela cheia</translation>
    </message>
    <message>
        <source>Ne&amp;xt tab</source>
        <translation>Pró&amp;xima aba</translation>
    </message>
    <message>
        <source>&amp;Previous tab</source>
        <translation>Aba ante&amp;rior</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>T&amp;ema</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Seguir o sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Escuro</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Alto contraste</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atalhos de teclado</translation>
    </message>
    <message>
        <source>&amp;About LM Anatomy</source>
        <translation>&amp;Sobre o LM Anatomy</translation>
    </message>
    <message>
        <source>Text and question/answer files, plain or compressed ({patterns})</source>
        <translation>Arquivos de texto e de perguntas e respostas, simples ou compactados ({patterns})</translation>
    </message>
    <message>
        <source>Compressed files ({patterns})</source>
        <translation>Arquivos compactados ({patterns})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>LM Anatomy</source>
        <translation>LM Anatomy</translation>
    </message>
    <message>
        <source>1. Tokenization</source>
        <translation>1. Tokenização</translation>
    </message>
    <message>
        <source>2. Attention</source>
        <translation>2. Atenção</translation>
    </message>
    <message>
        <source>3. Training</source>
        <translation>3. Treinamento</translation>
    </message>
    <message>
        <source>4. Next token</source>
        <translation>4. Próximo token</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Processando</translation>
    </message>
    <message>
        <source>Model: none</source>
        <translation>Modelo: nenhum</translation>
    </message>
    <message>
        <source>Corpus: none</source>
        <translation>Corpus: nenhum</translation>
    </message>
    <message>
        <source>Open a Hugging Face model folder</source>
        <translation>Abrir uma pasta de modelo do Hugging Face</translation>
    </message>
    <message>
        <source>Load model by name</source>
        <translation>Carregar modelo por nome</translation>
    </message>
    <message>
        <source>Hugging Face hub id (needs an internet connection), e.g. openai-community/gpt2:</source>
        <translation>Id no hub do Hugging Face (requer conexão com a internet), p. ex. openai-community/gpt2:</translation>
    </message>
    <message>
        <source>No built-in model</source>
        <translation>Nenhum modelo embutido</translation>
    </message>
    <message>
        <source>This copy of LM Anatomy ships without a built-in model.</source>
        <translation>Esta cópia do LM Anatomy não inclui um modelo embutido.</translation>
    </message>
    <message>
        <source>Loading {name}...</source>
        <translation>Carregando {name}...</translation>
    </message>
    <message>
        <source>Model loaded with a warning</source>
        <translation>Modelo carregado com um aviso</translation>
    </message>
    <message>
        <source>Model: {description}</source>
        <translation>Modelo: {description}</translation>
    </message>
    <message>
        <source>Device: {device}</source>
        <translation>Dispositivo: {device}</translation>
    </message>
    <message>
        <source>Could not load the model</source>
        <translation>Não foi possível carregar o modelo</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>Limpar lista</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(nenhum ainda)</translation>
    </message>
    <message>
        <source>Open a corpus</source>
        <translation>Abrir um corpus</translation>
    </message>
    <message>
        <source>Reading {name}...</source>
        <translation>Lendo {name}...</translation>
    </message>
    <message>
        <source>Corpus: {summary}</source>
        <translation>Corpus: {summary}</translation>
    </message>
    <message>
        <source>A run is training</source>
        <translation>Há um treino em andamento</translation>
    </message>
    <message>
        <source>Stop the run in the Training tab before resuming another.</source>
        <translation>Pare o treino na aba Treinamento antes de retomar outro.</translation>
    </message>
    <message>
        <source>Could not open the corpus</source>
        <translation>Não foi possível abrir o corpus</translation>
    </message>
    <message>
        <source>No corpus file</source>
        <translation>Nenhum arquivo de corpus</translation>
    </message>
    <message>
        <source>The current corpus is not a file: open one with File &gt; Open corpus first.</source>
        <translation>O corpus atual não é um arquivo: abra um antes com Arquivo &gt; Abrir corpus.</translation>
    </message>
    <message>
        <source>{name} was not opened.</source>
        <translation>{name} não foi aberto.</translation>
    </message>
</context>
<context>
    <name>RunsDialog</name>
    <message>
        <source>GPT</source>
        <translation>GPT</translation>
    </message>
    <message>
        <source>Masked LM</source>
        <translation>LM mascarado</translation>
    </message>
    <message>
        <source>Bigram table</source>
        <translation>Tabela de bigramas</translation>
    </message>
    <message>
        <source>{model} · {layers} layers · width {width}</source>
        <translation>{model} · {layers} camadas · largura {width}</translation>
    </message>
    <message>
        <source>{model} · fine-tuned from {folder}</source>
        <translation>{model} · ajuste fino de {folder}</translation>
    </message>
    <message>
        <source>Saved runs</source>
        <translation>Treinos salvos</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Salvo em</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Passos</translation>
    </message>
    <message>
        <source>Best val loss</source>
        <translation>Melhor perda de validação</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Pasta</translation>
    </message>
    <message>
        <source>Saved training runs</source>
        <translation>Treinos salvos</translation>
    </message>
    <message>
        <source>&amp;Use this model</source>
        <translation>&amp;Usar este modelo</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Retomar</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Excluir…</translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation>Abrir &amp;pasta</translation>
    </message>
    <message>
        <source>No saved runs yet in {folder}. Runs are saved here from their first evaluation on.</source>
        <translation>Ainda não há treinos salvos em {folder}. Os treinos são salvos aqui a partir da primeira avaliação.</translation>
    </message>
    <message>
        <source>Delete this run?</source>
        <translation>Excluir este treino?</translation>
    </message>
    <message>
        <source>Delete the run saved in {folder}, with its checkpoints? This cannot be undone.</source>
        <translation>Excluir o treino salvo em {folder}, com seus checkpoints? Isso não pode ser desfeito.</translation>
    </message>
    <message>
        <source>Could not delete the run</source>
        <translation>Não foi possível excluir o treino</translation>
    </message>
</context>
<context>
    <name>SamplingTab</name>
    <message>
        <source>greedy (always the most likely token)</source>
        <translation>guloso (sempre o token mais provável)</translation>
    </message>
    <message>
        <source>sample (uses the settings on the left)</source>
        <translation>amostragem (usa as configurações à esquerda)</translation>
    </message>
    <message>
        <source>beam search (shown at the end)</source>
        <translation>busca em feixe (mostrada no fim)</translation>
    </message>
    <message>
        <source>beam search with sampling</source>
        <translation>busca em feixe com amostragem</translation>
    </message>
    <message>
        <source>diverse (group) beam search</source>
        <translation>busca em feixe diversa (por grupos)</translation>
    </message>
    <message>
        <source>when no beam can win</source>
        <translation>quando nenhum feixe pode vencer</translation>
    </message>
    <message>
        <source>at num_beams finished</source>
        <translation>com num_beams terminadas</translation>
    </message>
    <message>
        <source>never (canonical)</source>
        <translation>nunca (canônica)</translation>
    </message>
    <message>
        <source>Beams:</source>
        <translation>Feixes:</translation>
    </message>
    <message>
        <source>Groups:</source>
        <translation>Grupos:</translation>
    </message>
    <message>
        <source>Diversity:</source>
        <translation>Diversidade:</translation>
    </message>
    <message>
        <source>Length penalty:</source>
        <translation>Penalidade de comprimento:</translation>
    </message>
    <message>
        <source>Stop:</source>
        <translation>Parar:</translation>
    </message>
    <message>
        <source>Penalty α:</source>
        <translation>Penalidade α:</translation>
    </message>
    <message>
        <source>Candidates:</source>
        <translation>Candidatos:</translation>
    </message>
    <message>
        <source>No repeated n-gram:</source>
        <translation>Sem n-grama repetido:</translation>
    </message>
    <message>
        <source>How many partial texts are kept at every step</source>
        <translation>Quantos textos parciais são mantidos a cada passo</translation>
    </message>
    <message>
        <source>The beams are split into this many groups that are pushed apart</source>
        <translation>Os feixes são divididos nesta quantidade de grupos, que são afastados entre si</translation>
    </message>
    <message>
        <source>How much a group is penalised for picking a token an earlier group picked at the same step</source>
        <translation>Quanto um grupo é penalizado por escolher um token que um grupo anterior escolheu no mesmo passo</translation>
    </message>
    <message>
        <source>A finished text scores log-probability / length ^ this: above 0 favours longer texts, below 0 shorter ones</source>
        <translation>Um texto terminado pontua log-probabilidade / comprimento ^ este valor: acima de 0 favorece textos mais longos, abaixo de 0 os mais curtos</translation>
    </message>
    <message>
        <source>When beam search stops looking for better texts</source>
        <translation>Quando a busca em feixe para de procurar textos melhores</translation>
    </message>
    <message>
        <source>0 is greedy; higher values punish tokens whose hidden state repeats the text so far</source>
        <translation>0 é a busca gulosa; valores maiores punem tokens cujo estado oculto repete o texto até ali</translation>
    </message>
    <message>
        <source>How many of the most likely tokens contrastive search compares (top-k)</source>
        <translation>Quantos dos tokens mais prováveis a busca contrastiva compara (top-k)</translation>
    </message>
    <message>
        <source>No n tokens in a row may occur twice (0 turns it off)</source>
        <translation>Nenhuma sequência de n tokens pode aparecer duas vezes (0 desliga)</translation>
    </message>
    <message>
        <source>contrastive search</source>
        <translation>busca contrastiva</translation>
    </message>
    <message>
        <source>{rate} tokens/s</source>
        <translation>{rate} tokens/s</translation>
    </message>
    <message>
        <source>mean log-prob {lp} (perplexity {ppl})</source>
        <translation>log-prob média {lp} (perplexidade {ppl})</translation>
    </message>
    <message>
        <source>distinct 2-grams {d}</source>
        <translation>2-gramas distintos {d}</translation>
    </message>
    <message>
        <source>Strategy {name}</source>
        <translation>Estratégia {name}</translation>
    </message>
    <message>
        <source>Prompt and continuation {name}</source>
        <translation>Prompt e continuação {name}</translation>
    </message>
    <message>
        <source>The prompt and its continuation appear here; new tokens are bold and underlined. Hover a token for its probability.</source>
        <translation>O prompt e sua continuação aparecem aqui; os novos tokens ficam em negrito e sublinhados. Passe o mouse sobre um token para ver sua probabilidade.</translation>
    </message>
    <message>
        <source>Strategy:</source>
        <translation>Estratégia:</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>Gerando…</translation>
    </message>
    <message>
        <source>token {id}: {p} for the model, {final} after the sampling settings</source>
        <translation>token {id}: {p} para o modelo, {final} após as configurações de amostragem</translation>
    </message>
    <message>
        <source>Strategies side by side</source>
        <translation>Estratégias lado a lado</translation>
    </message>
    <message>
        <source>Side &amp;by side:</source>
        <translation>&amp;Lado a lado:</translation>
    </message>
    <message>
        <source>Every strategy continues the same prompt; sampling uses the settings on the left (with the same seed), and the repetition penalty there applies to all.</source>
        <translation>Todas as estratégias continuam o mesmo prompt; a amostragem usa as configurações à esquerda (com a mesma semente), e a penalidade de repetição de lá vale para todas.</translation>
    </message>
    <message>
        <source>Stopped after {n} new tokens.</source>
        <translation>Parou após {n} novos tokens.</translation>
    </message>
    <message>
        <source>{n} new tokens.</source>
        <translation>{n} novos tokens.</translation>
    </message>
    <message>
        <source>New tokens</source>
        <translation>Novos tokens</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Gerar</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>&amp;Interromper</translation>
    </message>
    <message>
        <source>&amp;New tokens:</source>
        <translation>&amp;Novos tokens:</translation>
    </message>
    <message>
        <source>Next-token probability bars</source>
        <translation>Barras de probabilidade do próximo token</translation>
    </message>
    <message>
        <source>everything else</source>
        <translation>todo o resto</translation>
    </message>
    <message>
        <source>probability of being the next token</source>
        <translation>probabilidade de ser o próximo token</translation>
    </message>
    <message>
        <source>running total</source>
        <translation>total acumulado</translation>
    </message>
    <message>
        <source>the model&apos;s own (raw)</source>
        <translation>a do próprio modelo (bruta)</translation>
    </message>
    <message>
        <source>after your settings</source>
        <translation>após suas configurações</translation>
    </message>
    <message>
        <source>removed (struck)</source>
        <translation>removido (riscado)</translation>
    </message>
    <message>
        <source>drawn</source>
        <translation>sorteado</translation>
    </message>
    <message>
        <source>top-p cut-off</source>
        <translation>corte do top-p</translation>
    </message>
    <message>
        <source>removed by {stage}</source>
        <translation>removido por {stage}</translation>
    </message>
    <message>
        <source>{n} tokens</source>
        <translation>{n} tokens</translation>
    </message>
    <message>
        <source>bar cut</source>
        <translation>barra cortada</translation>
    </message>
    <message>
        <source>p = {p}: keeps {n}</source>
        <translation>p = {p}: mantém {n}</translation>
    </message>
    <message>
        <source>Settings A</source>
        <translation>Configurações A</translation>
    </message>
    <message>
        <source>Settings B</source>
        <translation>Configurações B</translation>
    </message>
    <message>
        <source>Copy the settings on the left</source>
        <translation>Copiar as configurações da esquerda</translation>
    </message>
    <message>
        <source>{name}: entropy {bits} bits · {kept} of {vocab} tokens survive · top token {top}</source>
        <translation>{name}: entropia {bits} bits · {kept} de {vocab} tokens sobrevivem · token mais provável {top}</translation>
    </message>
    <message>
        <source>T = {t}
{bits} bits, {kept} tokens</source>
        <translation>T = {t}
{bits} bits, {kept} tokens</translation>
    </message>
    <message>
        <source>Final probabilities under settings A and B</source>
        <translation>Probabilidades finais com as configurações A e B</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>removido</translation>
    </message>
    <message>
        <source>Final distributions at three temperatures</source>
        <translation>Distribuições finais em três temperaturas</translation>
    </message>
    <message>
        <source>Only the temperature changes; the other settings are those on the left (– = removed).</source>
        <translation>Só a temperatura muda; as demais configurações são as da esquerda (– = removido).</translation>
    </message>
    <message>
        <source>softmax (model)</source>
        <translation>softmax (modelo)</translation>
    </message>
    <message>
        <source>repetition penalty</source>
        <translation>penalidade de repetição</translation>
    </message>
    <message>
        <source>temperature</source>
        <translation>temperatura</translation>
    </message>
    <message>
        <source>top-k</source>
        <translation>top-k</translation>
    </message>
    <message>
        <source>top-p</source>
        <translation>top-p</translation>
    </message>
    <message>
        <source>min-p</source>
        <translation>min-p</translation>
    </message>
    <message>
        <source>0 (off)</source>
        <translation>0 (desligado)</translation>
    </message>
    <message>
        <source>HF (temperature first)</source>
        <translation>HF (temperatura primeiro)</translation>
    </message>
    <message>
        <source>llama.cpp (temperature last)</source>
        <translation>llama.cpp (temperatura por último)</translation>
    </message>
    <message>
        <source>&amp;Temperature:</source>
        <translation>&amp;Temperatura:</translation>
    </message>
    <message>
        <source>Top-&amp;k (0 = off):</source>
        <translation>Top-&amp;k (0 = desligado):</translation>
    </message>
    <message>
        <source>Top-p (1 = off):</source>
        <translation>Top-p (1 = desligado):</translation>
    </message>
    <message>
        <source>&amp;Min-p (0 = off):</source>
        <translation>&amp;Min-p (0 = desligado):</translation>
    </message>
    <message>
        <source>Repetition penalty (1 = off):</source>
        <translation>Penalidade de repetição (1 = desligada):</translation>
    </message>
    <message>
        <source>&amp;Order:</source>
        <translation>&amp;Ordem:</translation>
    </message>
    <message>
        <source>Sampling settings</source>
        <translation>Configurações de amostragem</translation>
    </message>
    <message>
        <source>&amp;Reset settings</source>
        <translation>&amp;Redefinir configurações</translation>
    </message>
    <message>
        <source>Step: add one token</source>
        <translation>Passo: adicionar um token</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Semente</translation>
    </message>
    <message>
        <source>Each Sample uses this seed, then moves on to the next one.</source>
        <translation>Cada clique em Amostrar usa esta semente e depois passa para a seguinte.</translation>
    </message>
    <message>
        <source>&amp;Sample</source>
        <translation>&amp;Amostrar</translation>
    </message>
    <message>
        <source>Draws a random u in [0, 1), marks where it lands, and appends that token.</source>
        <translation>Sorteia um u aleatório em [0, 1), marca onde ele cai e acrescenta esse token.</translation>
    </message>
    <message>
        <source>&amp;Greedy</source>
        <translation>G&amp;uloso</translation>
    </message>
    <message>
        <source>Appends the most likely token.</source>
        <translation>Acrescenta o token mais provável.</translation>
    </message>
    <message>
        <source>u = {u} → “{token}”, rank {rank}, probability {p}.</source>
        <translation>u = {u} → “{token}”, posição {rank}, probabilidade {p}.</translation>
    </message>
    <message>
        <source>No draw yet. You can also click a bar.</source>
        <translation>Nenhum sorteio ainda. Você também pode clicar em uma barra.</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>S&amp;emente:</translation>
    </message>
    <message>
        <source>Pipeline, stage by stage</source>
        <translation>Pipeline, etapa por etapa</translation>
    </message>
    <message>
        <source>Bars shown</source>
        <translation>Barras exibidas</translation>
    </message>
    <message>
        <source>&amp;Bars shown:</source>
        <translation>&amp;Barras exibidas:</translation>
    </message>
    <message>
        <source>Seed {seed}: </source>
        <translation>Semente {seed}: </translation>
    </message>
    <message>
        <source>Sampling pipeline, stage by stage</source>
        <translation>Pipeline de amostragem, etapa por etapa</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Etapa</translation>
    </message>
    <message>
        <source>Entropy
(bits)</source>
        <translation>Entropia
(bits)</translation>
    </message>
    <message>
        <source>Tokens
left</source>
        <translation>Tokens
restantes</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Removidos</translation>
    </message>
    <message>
        <source>Click a bar or a token to append it to the prompt.</source>
        <translation>Clique em uma barra ou em um token para acrescentá-lo ao prompt.</translation>
    </message>
    <message>
        <source>Precision comparison</source>
        <translation>Comparação de precisão</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Comparar</translation>
    </message>
    <message>
        <source>fp32 against:</source>
        <translation>fp32 contra:</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Pesos</translation>
    </message>
    <message>
        <source>Model size</source>
        <translation>Tamanho do modelo</translation>
    </message>
    <message>
        <source>KL from fp32 (nats)</source>
        <translation>KL em relação ao fp32 (nats)</translation>
    </message>
    <message>
        <source>Top-10 agreement</source>
        <translation>Concordância no top-10</translation>
    </message>
    <message>
        <source>Most likely token</source>
        <translation>Token mais provável</translation>
    </message>
    <message>
        <source>Same as fp32?</source>
        <translation>Igual ao fp32?</translation>
    </message>
    <message>
        <source>Storing each weight in fewer bits makes the model smaller: 16 bits halve it, 8 bits quarter it. Does it still predict the same next token? fp16 keeps more digits but a narrow range; bf16 keeps fp32&apos;s range with fewer digits; int8 rounds each weight to one of 256 steps. KL measures how far the whole distribution is from fp32&apos;s (0 = identical); top-10 agreement is the share of fp32&apos;s ten most likely tokens that are still in the ten. Sizes count 4, 2 or 1 bytes per weight; real int8 files are a little larger.</source>
        <translation>Guardar cada peso em menos bits deixa o modelo menor: 16 bits o reduzem à metade, 8 bits a um quarto. Ele ainda prevê o mesmo próximo token? O fp16 guarda mais dígitos, mas numa faixa estreita; o bf16 guarda a faixa do fp32 com menos dígitos; o int8 arredonda cada peso para um de 256 degraus. A KL mede quão longe a distribuição inteira está da do fp32 (0 = idênticas); a concordância no top-10 é a fração dos dez tokens mais prováveis do fp32 que continuam entre os dez. Os tamanhos contam 4, 2 ou 1 byte por peso; arquivos int8 reais são um pouco maiores.</translation>
    </message>
    <message>
        <source>Making a copy of the model in each precision and running them all…</source>
        <translation>Fazendo uma cópia do modelo em cada precisão e executando todas…</translation>
    </message>
    <message>
        <source>Largest change of any token&apos;s probability: {d}.</source>
        <translation>Maior mudança na probabilidade de um token: {d}.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <source>no</source>
        <translation>não</translation>
    </message>
    <message>
        <source>Wait for the prediction of the current prompt first.</source>
        <translation>Aguarde primeiro a previsão do prompt atual.</translation>
    </message>
    <message>
        <source>Next token</source>
        <translation>Próximo token</translation>
    </message>
    <message>
        <source>Given a prompt, the model scores every token in its vocabulary. Sampling settings reshape those scores before one token is drawn.</source>
        <translation>Dado um prompt, o modelo atribui uma pontuação a cada token do seu vocabulário. As configurações de amostragem remodelam essas pontuações antes que um token seja sorteado.</translation>
    </message>
    <message>
        <source>Pale bars: the model&apos;s own probability; dark bars: after your settings. Removed tokens are greyed and struck through.</source>
        <translation>Barras claras: a probabilidade do próprio modelo; barras escuras: após suas configurações. Tokens removidos ficam acinzentados e riscados.</translation>
    </message>
    <message>
        <source>Sample, Greedy or click a bar to append a token; the timeline takes you back to any step.</source>
        <translation>Amostrar, Guloso ou clicar em uma barra acrescenta um token; a linha do tempo leva você de volta a qualquer passo.</translation>
    </message>
    <message>
        <source>Compare settings; generate with four strategies; watch beam search, speculative decoding and the logit lens.</source>
        <translation>Compare configurações; gere com quatro estratégias; acompanhe a busca em feixe, a decodificação especulativa e a lente de logits.</translation>
    </message>
    <message>
        <source>Speculative</source>
        <translation>Especulativa</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Precisão</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>&amp;Prompt:</source>
        <translation>&amp;Prompt:</translation>
    </message>
    <message>
        <source>Ste&amp;ps:</source>
        <translation>Pa&amp;ssos:</translation>
    </message>
    <message>
        <source>Probabilities</source>
        <translation>Probabilidades</translation>
    </message>
    <message>
        <source>Next token after “{prompt}” ({n} tokens in the vocabulary)</source>
        <translation>Próximo token após “{prompt}” ({n} tokens no vocabulário)</translation>
    </message>
    <message>
        <source>Step {n}: u = {u} landed on rank {rank}; that token was appended.</source>
        <translation>Passo {n}: u = {u} caiu na posição {rank}; esse token foi acrescentado.</translation>
    </message>
    <message>
        <source>rank (1 = most likely token)</source>
        <translation>posição (1 = token mais provável)</translation>
    </message>
    <message>
        <source>Running total of the top tokens</source>
        <translation>Soma acumulada dos tokens mais prováveis</translation>
    </message>
    <message>
        <source>Probability bars</source>
        <translation>Barras de probabilidade</translation>
    </message>
    <message>
        <source>Running total</source>
        <translation>Soma acumulada</translation>
    </message>
    <message>
        <source>Cumulative draw bar</source>
        <translation>Barra acumulada do sorteio</translation>
    </message>
    <message>
        <source>Compare A/B</source>
        <translation>Comparar A/B</translation>
    </message>
    <message>
        <source>Compare temperatures</source>
        <translation>Comparar temperaturas</translation>
    </message>
    <message>
        <source>Whole distribution</source>
        <translation>Distribuição inteira</translation>
    </message>
    <message>
        <source>Generated tokens</source>
        <translation>Tokens gerados</translation>
    </message>
    <message>
        <source>Beam tree</source>
        <translation>Árvore de feixes</translation>
    </message>
    <message>
        <source>Beam search hypotheses</source>
        <translation>Hipóteses da busca em feixe</translation>
    </message>
    <message>
        <source>Logit lens, last position</source>
        <translation>Lente de logits, última posição</translation>
    </message>
    <message>
        <source>Logit lens, every position</source>
        <translation>Lente de logits, todas as posições</translation>
    </message>
    <message>
        <source>Logit lens</source>
        <translation>Lente de logits</translation>
    </message>
    <message>
        <source>Fill-mask guesses</source>
        <translation>Palpites de preenchimento de máscara</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Gerar</translation>
    </message>
    <message>
        <source>The model&apos;s guesses for “{text}”</source>
        <translation>Os palpites do modelo para “{text}”</translation>
    </message>
    <message>
        <source>Load a model (File &gt; Open model folder) to see its predictions.</source>
        <translation>Carregue um modelo (Arquivo &gt; Abrir pasta de modelo) para ver suas previsões.</translation>
    </message>
    <message>
        <source>{model} predicts the next token.</source>
        <translation>{model} prevê o próximo token.</translation>
    </message>
    <message>
        <source>{model} is a masked model: it fills in a blank instead of predicting the next token. Write [MASK] or &lt;mask&gt; where it should guess.</source>
        <translation>{model} é um modelo mascarado: ele preenche uma lacuna em vez de prever o próximo token. Escreva [MASK] ou &lt;mask&gt; onde ele deve adivinhar.</translation>
    </message>
    <message>
        <source>{model} is a text classifier: it gives each of its labels ({labels}) a probability for the whole prompt.</source>
        <translation>{model} é um classificador de texto: ele dá a cada um dos seus rótulos ({labels}) uma probabilidade para o prompt inteiro.</translation>
    </message>
    <message>
        <source>{model} is a token classifier: it gives every token of the prompt one of {n} labels.</source>
        <translation>{model} é um classificador de tokens: ele dá a cada token do prompt um de {n} rótulos.</translation>
    </message>
    <message>
        <source>{model} answers questions by pointing at a span of the prompt: type a question, and the prompt is the text it reads.</source>
        <translation>{model} responde a perguntas apontando um trecho do prompt: digite uma pergunta, e o prompt é o texto que ele lê.</translation>
    </message>
    <message>
        <source>Timeline of appended tokens; select one to go back</source>
        <translation>Linha do tempo dos tokens acrescentados; selecione um para voltar</translation>
    </message>
    <message>
        <source>Steps appear here: Sample, Greedy or click a bar.</source>
        <translation>Os passos aparecem aqui: Amostrar, Guloso ou clique em uma barra.</translation>
    </message>
    <message>
        <source>start
{n} chars</source>
        <translation>início
{n} caracteres</translation>
    </message>
    <message>
        <source>The prompt before the first step:
{text}</source>
        <translation>O prompt antes do primeiro passo:
{text}</translation>
    </message>
    <message>
        <source>sampled, u = {u}</source>
        <translation>sorteado, u = {u}</translation>
    </message>
    <message>
        <source>greedy (most likely)</source>
        <translation>guloso (mais provável)</translation>
    </message>
    <message>
        <source>chosen by a click</source>
        <translation>escolhido com um clique</translation>
    </message>
    <message>
        <source>Step {n}: “{token}”, {p} after the settings ({raw} for the model), {how}. Select to go back to this point.</source>
        <translation>Passo {n}: “{token}”, {p} após as configurações ({raw} para o modelo), {how}. Selecione para voltar a este ponto.</translation>
    </message>
    <message>
        <source>mask {i} of {n}</source>
        <translation>máscara {i} de {n}</translation>
    </message>
    <message>
        <source>Tokens from most to least likely, left to right. Sample draws a random u in [0, 1).</source>
        <translation>Tokens do mais ao menos provável, da esquerda para a direita. Amostrar sorteia um u aleatório em [0, 1).</translation>
    </message>
    <message>
        <source>u = {u} lands in the segment of rank {rank}: that token is drawn.</source>
        <translation>u = {u} cai no segmento da posição {rank}: esse token é sorteado.</translation>
    </message>
    <message>
        <source>Cumulative probability bar with the random draw</source>
        <translation>Barra de probabilidade acumulada com o sorteio aleatório</translation>
    </message>
    <message>
        <source>Be&amp;ams:</source>
        <translation>Fei&amp;xes:</translation>
    </message>
    <message>
        <source>Ne&amp;w tokens:</source>
        <translation>&amp;Novos tokens:</translation>
    </message>
    <message>
        <source>Returne&amp;d:</source>
        <translation>&amp;Devolvidas:</translation>
    </message>
    <message>
        <source>&amp;Length penalty:</source>
        <translation>Penalidade de &amp;comprimento:</translation>
    </message>
    <message>
        <source>No repeated &amp;n-gram:</source>
        <translation>Sem n-&amp;grama repetido:</translation>
    </message>
    <message>
        <source>Stop search&amp;ing:</source>
        <translation>Parar a b&amp;usca:</translation>
    </message>
    <message>
        <source>R&amp;un beam search</source>
        <translation>&amp;Rodar a busca em feixe</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Interromper</translation>
    </message>
    <message>
        <source>Beam search tree</source>
        <translation>Árvore da busca em feixe</translation>
    </message>
    <message>
        <source>Replay the search up to a step</source>
        <translation>Reproduzir a busca até um passo</translation>
    </message>
    <message>
        <source>Repla&amp;y:</source>
        <translation>Re&amp;produzir:</translation>
    </message>
    <message>
        <source>Finished hypotheses</source>
        <translation>Hipóteses terminadas</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Posição</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Log-probability</source>
        <translation>Log-probabilidade</translation>
    </message>
    <message>
        <source>Score (normalised)</source>
        <translation>Pontuação (normalizada)</translation>
    </message>
    <message>
        <source>Each column is a step: every beam is extended by every token and the best 2 × beams candidates are shown, best first, with their cumulative log-probability. Filled: kept beams; ✓: finished hypotheses; grey: pruned.</source>
        <translation>Cada coluna é um passo: cada feixe é estendido por cada token e os 2 × feixes melhores candidatos aparecem, o melhor primeiro, com a log-probabilidade acumulada. Preenchidos: feixes mantidos; ✓: hipóteses terminadas; cinza: podados.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <source>step {n} of {total}</source>
        <translation>passo {n} de {total}</translation>
    </message>
    <message>
        <source>Stopped after {n} steps; unfinished beams are listed too.</source>
        <translation>Interrompida após {n} passos; os feixes não terminados também aparecem.</translation>
    </message>
    <message>
        <source>Finished after {n} steps.</source>
        <translation>Terminou após {n} passos.</translation>
    </message>
    <message>
        <source>prompt</source>
        <translation>prompt</translation>
    </message>
    <message>
        <source>step (new token); top to bottom: candidates, best first</source>
        <translation>passo (novo token); de cima para baixo: candidatos, o melhor primeiro</translation>
    </message>
    <message>
        <source>kept beam (filled)</source>
        <translation>feixe mantido (preenchido)</translation>
    </message>
    <message>
        <source>✓ finished hypothesis</source>
        <translation>✓ hipótese terminada</translation>
    </message>
    <message>
        <source>pruned (grey)</source>
        <translation>podado (cinza)</translation>
    </message>
    <message>
        <source>embeddings</source>
        <translation>embeddings</translation>
    </message>
    <message>
        <source>layer {n}</source>
        <translation>camada {n}</translation>
    </message>
    <message>
        <source>#{n}</source>
        <translation>nº {n}</translation>
    </message>
    <message>
        <source>guesses, most likely first (the final answer in bold)</source>
        <translation>palpites, o mais provável primeiro (a resposta final em negrito)</translation>
    </message>
    <message>
        <source>answer: #{rank}</source>
        <translation>resposta: nº {rank}</translation>
    </message>
    <message>
        <source>the text, token by token: each column guesses the token after it</source>
        <translation>o texto, token por token: cada coluna adivinha o token seguinte</translation>
    </message>
    <message>
        <source>{layer}, after “{token}”: {guesses}</source>
        <translation>{layer}, depois de “{token}”: {guesses}</translation>
    </message>
    <message>
        <source>&amp;Candidates per layer:</source>
        <translation>&amp;Candidatos por camada:</translation>
    </message>
    <message>
        <source>Candidates per layer</source>
        <translation>Candidatos por camada</translation>
    </message>
    <message>
        <source>R&amp;un the logit lens</source>
        <translation>&amp;Rodar a lente de logits</translation>
    </message>
    <message>
        <source>Logit lens: each layer&apos;s guesses for the next token</source>
        <translation>Lente de logits: os palpites de cada camada para o próximo token</translation>
    </message>
    <message>
        <source>Logit lens: each layer&apos;s top guess at every position</source>
        <translation>Lente de logits: o melhor palpite de cada camada em cada posição</translation>
    </message>
    <message>
        <source>The logit lens applies the model&apos;s final layer norm and output head to the running vector after every layer, as if that layer were the last. Early layers often guess common tokens; the answer firms up layer by layer. The last layer is the model&apos;s own prediction. Hover a cell for its probabilities.</source>
        <translation>A lente de logits aplica a normalização final e a cabeça de saída do modelo ao vetor em curso depois de cada camada, como se aquela camada fosse a última. As primeiras camadas costumam chutar tokens comuns; a resposta se firma camada a camada. A última camada é a previsão do próprio modelo. Passe o mouse sobre uma célula para ver as probabilidades.</translation>
    </message>
    <message>
        <source>Reading every layer…</source>
        <translation>Lendo cada camada…</translation>
    </message>
    <message>
        <source>The model&apos;s answer “{token}” is the top guess from {layer} on; its rank, layer by layer: {ranks}.</source>
        <translation>A resposta do modelo, “{token}”, é o melhor palpite a partir de {layer}; a posição dela, camada a camada: {ranks}.</translation>
    </message>
    <message>
        <source>After “{prompt}”: each layer&apos;s guesses for the next token</source>
        <translation>Depois de “{prompt}”: os palpites de cada camada para o próximo token</translation>
    </message>
    <message>
        <source>Each layer&apos;s top guess for the token after each position</source>
        <translation>O melhor palpite de cada camada para o token depois de cada posição</translation>
    </message>
    <message>
        <source>The final answer is guess #{rank} at this layer.</source>
        <translation>A resposta final é o palpite nº {rank} nesta camada.</translation>
    </message>
    <message>
        <source>the built-in model</source>
        <translation>o modelo embutido</translation>
    </message>
    <message>
        <source>prompt lookup (no draft model)</source>
        <translation>busca no prompt (sem modelo rascunho)</translation>
    </message>
    <message>
        <source>&amp;Draft:</source>
        <translation>&amp;Rascunho:</translation>
    </message>
    <message>
        <source>Draft toke&amp;ns per round:</source>
        <translation>&amp;Tokens de rascunho por rodada:</translation>
    </message>
    <message>
        <source>Choose &amp;another draft…</source>
        <translation>Escolher &amp;outro rascunho…</translation>
    </message>
    <message>
        <source>A model folder trained on the same tokenizer, e.g. a checkpoint trained in the app</source>
        <translation>Uma pasta de modelo treinado com o mesmo tokenizador, por exemplo um checkpoint treinado no app</translation>
    </message>
    <message>
        <source>R&amp;un speculative decoding</source>
        <translation>R&amp;odar a decodificação especulativa</translation>
    </message>
    <message>
        <source>Speculative decoding output</source>
        <translation>Saída da decodificação especulativa</translation>
    </message>
    <message>
        <source>A small draft guesses the next few tokens; the model reads them all in one pass and keeps the guesses it agrees with, up to the first disagreement, where it writes its own token. The text is exactly the model&apos;s greedy text, written in fewer passes.</source>
        <translation>Um rascunho pequeno adivinha os próximos tokens; o modelo lê todos numa só passada e fica com os palpites com que concorda, até a primeira discordância, onde escreve o seu próprio token. O texto é exatamente o texto guloso do modelo, escrito em menos passadas.</translation>
    </message>
    <message>
        <source>Underlined on green: a draft token the model accepted. Struck through in grey: the draft&apos;s rejected guess. Bold on orange: the model&apos;s own token (a correction, or a bonus token after all guesses were accepted).</source>
        <translation>Sublinhado sobre verde: um token do rascunho que o modelo aceitou. Riscado em cinza: o palpite rejeitado do rascunho. Negrito sobre laranja: o token do próprio modelo (uma correção, ou um token de bônus depois de todos os palpites aceitos).</translation>
    </message>
    <message>
        <source>Choose a draft model folder</source>
        <translation>Escolha a pasta de um modelo rascunho</translation>
    </message>
    <message>
        <source>This build has no built-in model to use as the draft; choose another draft or prompt lookup.</source>
        <translation>Esta versão não tem o modelo embutido para usar como rascunho; escolha outro rascunho ou a busca no prompt.</translation>
    </message>
    <message>
        <source>Timing plain greedy decoding, then speculative decoding…</source>
        <translation>Medindo a decodificação gulosa simples, depois a especulativa…</translation>
    </message>
    <message>
        <source>round {n}: proposed by the draft, accepted</source>
        <translation>rodada {n}: proposto pelo rascunho, aceito</translation>
    </message>
    <message>
        <source>round {n}: the draft&apos;s guess, rejected</source>
        <translation>rodada {n}: o palpite do rascunho, rejeitado</translation>
    </message>
    <message>
        <source>round {n}: the model&apos;s correction</source>
        <translation>rodada {n}: a correção do modelo</translation>
    </message>
    <message>
        <source>round {n}: the model&apos;s own token after the accepted guesses</source>
        <translation>rodada {n}: o token do próprio modelo depois dos palpites aceitos</translation>
    </message>
    <message>
        <source>Acceptance rate {rate} ({accepted} of {proposed} guesses). Speculative: {spec} tokens/s in {passes} passes of the model; plain greedy: {greedy} tokens/s in {greedy_passes} passes; speed-up ×{speed_up}.</source>
        <translation>Taxa de aceitação {rate} ({accepted} de {proposed} palpites). Especulativa: {spec} tokens/s em {passes} passadas do modelo; gulosa simples: {greedy} tokens/s em {greedy_passes} passadas; aceleração ×{speed_up}.</translation>
    </message>
    <message>
        <source>Same text as greedy decoding.</source>
        <translation>Mesmo texto da decodificação gulosa.</translation>
    </message>
    <message>
        <source>The text differs from greedy decoding (rounding in a near tie).</source>
        <translation>O texto difere da decodificação gulosa (arredondamento num quase empate).</translation>
    </message>
    <message>
        <source>probability = softmax(logits z)</source>
        <translation>probabilidade = softmax(logits z)</translation>
    </message>
    <message>
        <source>probability = sigmoid(logit z), each label on its own</source>
        <translation>probabilidade = sigmoide(logit z), cada rótulo por si</translation>
    </message>
    <message>
        <source>score (a regression head)</source>
        <translation>valor (uma cabeça de regressão)</translation>
    </message>
    <message>
        <source>each row: softmax over the labels (bold: the label chosen)</source>
        <translation>cada linha: softmax sobre os rótulos (em negrito: o rótulo escolhido)</translation>
    </message>
    <message>
        <source>answer starts</source>
        <translation>a resposta começa</translation>
    </message>
    <message>
        <source>answer ends</source>
        <translation>a resposta termina</translation>
    </message>
    <message>
        <source>p(start)</source>
        <translation>p(início)</translation>
    </message>
    <message>
        <source>p(end)</source>
        <translation>p(fim)</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Rótulo</translation>
    </message>
    <message>
        <source>Logit z</source>
        <translation>Logit z</translation>
    </message>
    <message>
        <source>e^(z − max z)</source>
        <translation>e^(z − max z)</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Probabilidade</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Label chosen</source>
        <translation>Rótulo escolhido</translation>
    </message>
    <message>
        <source>Its logit</source>
        <translation>O seu logit</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Resposta</translation>
    </message>
    <message>
        <source>Length (tokens)</source>
        <translation>Tamanho (tokens)</translation>
    </message>
    <message>
        <source>Score = p(start) × p(end)</source>
        <translation>Pontuação = p(início) × p(fim)</translation>
    </message>
    <message>
        <source>Who sat?</source>
        <translation>Quem subiu?</translation>
    </message>
    <message>
        <source>&amp;Question:</source>
        <translation>Per&amp;gunta:</translation>
    </message>
    <message>
        <source>Question about the prompt</source>
        <translation>Pergunta sobre o prompt</translation>
    </message>
    <message>
        <source>Ask something the prompt answers</source>
        <translation>Pergunte algo que o prompt responde</translation>
    </message>
    <message>
        <source>The task head&apos;s numbers</source>
        <translation>Os números da cabeça de tarefa</translation>
    </message>
    <message>
        <source>What the task head outputs</source>
        <translation>O que a cabeça de tarefa produz</translation>
    </message>
    <message>
        <source>The classifier reads the whole prompt and gives one score (logit z) per label. Softmax turns them into probabilities that add up to 1: p = e^z / Σ e^z, worked out in the table. This is what pipeline(&quot;text-classification&quot;) returns.</source>
        <translation>O classificador lê o prompt inteiro e dá uma pontuação (logit z) por rótulo. A softmax transforma essas pontuações em probabilidades que somam 1: p = e^z / Σ e^z, calculada passo a passo na tabela. É isso que pipeline(&quot;text-classification&quot;) devolve.</translation>
    </message>
    <message>
        <source>The model gives every token one logit per label, and a softmax per token turns them into probabilities: each row of the grid adds up to 100%, and its most likely label is chosen (B- begins a name, I- continues it, O is outside any). Markers like [CLS] are left out, as pipeline(&quot;token-classification&quot;) does.</source>
        <translation>O modelo dá a cada token um logit por rótulo, e uma softmax por token transforma esses logits em probabilidades: cada linha da grade soma 100%, e o rótulo mais provável é o escolhido (B- começa um nome, I- continua, O fica fora de qualquer um). Marcadores como [CLS] ficam de fora, como faz pipeline(&quot;token-classification&quot;).</translation>
    </message>
    <message>
        <source>The question and the prompt are read together. Every token of the prompt gets a start logit and an end logit; a softmax over the prompt&apos;s tokens turns each into probabilities. The answer from token i to token j scores p(start = i) × p(end = j) (at most 15 tokens): the best spans are what pipeline(&quot;question-answering&quot;) returns.</source>
        <translation>A pergunta e o prompt são lidos juntos. Cada token do prompt recebe um logit de início e um logit de fim; uma softmax sobre os tokens do prompt transforma cada um em probabilidades. A resposta do token i ao token j vale p(início = i) × p(fim = j) (no máximo 15 tokens): os melhores trechos são o que pipeline(&quot;question-answering&quot;) devolve.</translation>
    </message>
    <message>
        <source>Label probabilities</source>
        <translation>Probabilidades dos rótulos</translation>
    </message>
    <message>
        <source>Token labels</source>
        <translation>Rótulos dos tokens</translation>
    </message>
    <message>
        <source>Answer spans</source>
        <translation>Trechos de resposta</translation>
    </message>
    <message>
        <source>Task head</source>
        <translation>Cabeça de tarefa</translation>
    </message>
    <message>
        <source>Label probabilities for “{text}”</source>
        <translation>Probabilidades dos rótulos para “{text}”</translation>
    </message>
    <message>
        <source>Each token&apos;s label probabilities for “{text}”</source>
        <translation>As probabilidades dos rótulos de cada token para “{text}”</translation>
    </message>
    <message>
        <source>Where the answer to “{question}” starts and ends</source>
        <translation>Onde começa e onde termina a resposta para “{question}”</translation>
    </message>
    <message>
        <source>Result: “{label}” with {p} (logit {z}).</source>
        <translation>Resultado: “{label}” com {p} (logit {z}).</translation>
    </message>
    <message>
        <source>Σ e^(z − max z) = {sum}, so each probability is its e^(z − max z) / {sum}. {result}</source>
        <translation>Σ e^(z − max z) = {sum}, então cada probabilidade é o seu e^(z − max z) / {sum}. {result}</translation>
    </message>
    <message>
        <source>{n} tokens, {k} of them labelled with something other than O.</source>
        <translation>{n} tokens, {k} deles com um rótulo diferente de O.</translation>
    </message>
    <message>
        <source>No span of the prompt can be an answer.</source>
        <translation>Nenhum trecho do prompt pode ser uma resposta.</translation>
    </message>
    <message>
        <source>Best answer: “{answer}” = p(start) {ps} × p(end) {pe} = {score}.</source>
        <translation>Melhor resposta: “{answer}” = p(início) {ps} × p(fim) {pe} = {score}.</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>{name} ({kind}, {parameters} parameters)</source>
        <translation>{name} ({kind}, {parameters} parâmetros)</translation>
    </message>
    <message>
        <source>{source} ({kind})</source>
        <translation>{source} ({kind})</translation>
    </message>
    <message>
        <source>{name}: {characters} characters, {pairs} question/answer pairs</source>
        <translation>{name}: {characters} caracteres, {pairs} pares de pergunta/resposta</translation>
    </message>
    <message>
        <source>{name}: {characters} characters</source>
        <translation>{name}: {characters} caracteres</translation>
    </message>
    <message>
        <source>{files} text files from a zip archive</source>
        <translation>{files} arquivos de texto de um arquivo zip</translation>
    </message>
    <message>
        <source>compressed with {format}</source>
        <translation>compactado com {format}</translation>
    </message>
    <message>
        <source>not compressed</source>
        <translation>não compactado</translation>
    </message>
    <message>
        <source>{encoding} (detected)</source>
        <translation>{encoding} (detectada)</translation>
    </message>
    <message>
        <source>{characters} characters repaired</source>
        <translation>{characters} caracteres reparados</translation>
    </message>
    <message>
        <source>{characters} garbled characters kept</source>
        <translation>{characters} caracteres corrompidos mantidos</translation>
    </message>
    <message>
        <source>no repairs</source>
        <translation>sem reparos</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Whole window</source>
        <translation>Janela inteira</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Ação</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Onde</translation>
    </message>
</context>
<context>
    <name>TabExports</name>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Save this tab&apos;s plots as images (PNG, SVG) and its tables as CSV (Ctrl+E)</source>
        <translation>Salva os gráficos desta aba como imagens (PNG, SVG) e suas tabelas como CSV (Ctrl+E)</translation>
    </message>
    <message>
        <source>Export plots and tables</source>
        <translation>Exportar gráficos e tabelas</translation>
    </message>
    <message>
        <source>{name}: image (PNG or SVG)…</source>
        <translation>{name}: imagem (PNG ou SVG)…</translation>
    </message>
    <message>
        <source>{name}: table (CSV)…</source>
        <translation>{name}: tabela (CSV)…</translation>
    </message>
    <message>
        <source>Nothing to export in this tab</source>
        <translation>Nada para exportar nesta aba</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Imagem PNG (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>Imagem SVG (*.svg)</translation>
    </message>
    <message>
        <source>Save the plot “{name}”</source>
        <translation>Salvar o gráfico “{name}”</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>Tabela CSV (*.csv)</translation>
    </message>
    <message>
        <source>Save the table “{name}”</source>
        <translation>Salvar a tabela “{name}”</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>Não foi possível salvar</translation>
    </message>
    <message>
        <source>Could not save {path}:
{reason}</source>
        <translation>Não foi possível salvar {path}:
{reason}</translation>
    </message>
    <message>
        <source>Nothing to save yet</source>
        <translation>Nada para salvar ainda</translation>
    </message>
    <message>
        <source>“{name}” is empty for now.</source>
        <translation>“{name}” ainda não tem dados.</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Arquivo salvo: {path}</translation>
    </message>
</context>
<context>
    <name>TokenChipsWidget</name>
    <message>
        <source>... and {count} more tokens not drawn</source>
        <translation>... e mais {count} tokens não desenhados</translation>
    </message>
</context>
<context>
    <name>TokenizationTab</name>
    <message>
        <source>Samples:</source>
        <translation>Exemplos:</translation>
    </message>
    <message>
        <source>Bilingual</source>
        <translation>Bilíngue</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Emoji &amp; CJK</source>
        <translation>Emoji &amp; CJK</translation>
    </message>
    <message>
        <source>Why not whole words? Why do some languages cost more?</source>
        <translation>Por que não palavras inteiras? Por que alguns idiomas custam mais?</translation>
    </message>
    <message>
        <source>Tokenizer for the token premium</source>
        <translation>Tokenizador para o custo extra de tokens</translation>
    </message>
    <message>
        <source>Token &amp;premium with:</source>
        <translation>&amp;Custo extra de tokens com:</translation>
    </message>
    <message>
        <source>One-hot and bag-of-words matrices appear here once there is text and a corpus.</source>
        <translation>As matrizes one-hot e bag-of-words aparecem aqui quando houver texto e um corpus.</translation>
    </message>
    <message>
        <source> (first {n} characters)</source>
        <translation> (primeiros {n} caracteres)</translation>
    </message>
    <message>
        <source>One id per word means one column per vocabulary word. One-hot{part}: {rows} words × {cols} = a {rows}×{cols} matrix, {zeros} zeros. Bag of words: {srows} sentences × {cols}, {bzeros} zeros. Every new word needs a new column, and unknown words all become [UNK].</source>
        <translation>Um id por palavra significa uma coluna por palavra do vocabulário. One-hot{part}: {rows} palavras × {cols} = uma matriz {rows}×{cols}, {zeros} zeros. Bag-of-words: {srows} frases × {cols}, {bzeros} zeros. Cada palavra nova precisa de uma nova coluna, e todas as palavras desconhecidas viram [UNK].</translation>
    </message>
    <message>
        <source>No tokenizer yet.</source>
        <translation>Nenhum tokenizador ainda.</translation>
    </message>
    <message>
        <source>{name}: {n} tokens, {x}×</source>
        <translation>{name}: {n} tokens, {x}×</translation>
    </message>
    <message>
        <source>The same sample texts, relative to English: {parts}.</source>
        <translation>Os mesmos textos de exemplo, em relação ao inglês: {parts}.</translation>
    </message>
    <message>
        <source>Ġ is how byte-level BPE writes a space: every byte gets a printable stand-in, and the space byte&apos;s is Ġ. Here it is drawn as ␣.</source>
        <translation>Ġ é como o BPE em nível de bytes escreve um espaço: cada byte ganha um substituto imprimível, e o do byte de espaço é Ġ. Aqui ele é desenhado como ␣.</translation>
    </message>
    <message>
        <source>Ċ is the byte-level stand-in for a newline (drawn as ↵).</source>
        <translation>Ċ é o substituto em nível de bytes para uma quebra de linha (desenhado como ↵).</translation>
    </message>
    <message>
        <source>ĉ is the byte-level stand-in for a tab (drawn as ⇥).</source>
        <translation>ĉ é o substituto em nível de bytes para uma tabulação (desenhado como ⇥).</translation>
    </message>
    <message>
        <source>Token id {id}</source>
        <translation>Id do token {id}</translation>
    </message>
    <message>
        <source>{n} tokens for these characters: ids {ids}. Byte-level BPE cut a character&apos;s UTF-8 bytes into pieces.</source>
        <translation>{n} tokens para estes caracteres: ids {ids}. O BPE em nível de bytes cortou os bytes UTF-8 de um caractere em pedaços.</translation>
    </message>
    <message>
        <source>Span: characters {start}–{end} of the text, {text}</source>
        <translation>Trecho: caracteres {start}–{end} do texto, {text}</translation>
    </message>
    <message>
        <source>Unknown: not in the vocabulary, so it becomes the unknown token (id {id}) and its meaning is lost.</source>
        <translation>Desconhecido: não está no vocabulário, então vira o token desconhecido (id {id}) e seu significado se perde.</translation>
    </message>
    <message>
        <source>Stored in the vocabulary as {piece}</source>
        <translation>Armazenado no vocabulário como {piece}</translation>
    </message>
    <message>
        <source>{n} ids</source>
        <translation>{n} ids</translation>
    </message>
    <message>
        <source>{n} tokens</source>
        <translation>{n} tokens</translation>
    </message>
    <message>
        <source>{x} chars/token</source>
        <translation>{x} caracteres/token</translation>
    </message>
    <message>
        <source>{x} bytes/token</source>
        <translation>{x} bytes/token</translation>
    </message>
    <message>
        <source>vocabulary {n}</source>
        <translation>vocabulário {n}</translation>
    </message>
    <message>
        <source>unknown {n} ({pct} OOV)</source>
        <translation>desconhecidos {n} ({pct} OOV)</translation>
    </message>
    <message>
        <source>round-trip ✓</source>
        <translation>ida e volta ✓</translation>
    </message>
    <message>
        <source>round-trip ✗</source>
        <translation>ida e volta ✗</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>Caracteres</translation>
    </message>
    <message>
        <source>vocabulary = the {n} different characters of the corpus, plus [UNK] for any other.</source>
        <translation>vocabulário = os {n} caracteres diferentes do corpus, mais [UNK] para qualquer outro.</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>Palavras</translation>
    </message>
    <message>
        <source>vocabulary = the {n} words and punctuation marks of the corpus, plus [UNK]; spaces are dropped.</source>
        <translation>vocabulário = as {n} palavras e sinais de pontuação do corpus, mais [UNK]; os espaços são descartados.</translation>
    </message>
    <message>
        <source>Byte-level BPE</source>
        <translation>BPE em nível de bytes</translation>
    </message>
    <message>
        <source>vocabulary = 256 bytes + {s} special tokens + {m} merges learned from the corpus.</source>
        <translation>vocabulário = 256 bytes + {s} tokens especiais + {m} fusões aprendidas a partir do corpus.</translation>
    </message>
    <message>
        <source>Model: {name}</source>
        <translation>Modelo: {name}</translation>
    </message>
    <message>
        <source>the tokenizer the loaded model was trained with, vocabulary {n}.</source>
        <translation>o tokenizador com que o modelo carregado foi treinado, vocabulário {n}.</translation>
    </message>
    <message>
        <source>Tokens: {title}</source>
        <translation>Tokens: {title}</translation>
    </message>
    <message>
        <source>Numbers for the text you typed. Round-trip ✓ means decode(encode(text)) gives the text back exactly.</source>
        <translation>Números do texto que você digitou. Ida e volta ✓ significa que decode(encode(text)) devolve exatamente o texto.</translation>
    </message>
    <message>
        <source>Numbers for held-out text: the last 10% of the corpus, which the tokenizers were not built from. Unknown tokens show how often new text falls outside the vocabulary.</source>
        <translation>Números do texto reservado: os últimos 10% do corpus, que não foram usados para construir os tokenizadores. Os tokens desconhecidos mostram com que frequência um texto novo fica fora do vocabulário.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your text&lt;/b&gt;: {numbers}</source>
        <translation>&lt;b&gt;Seu texto&lt;/b&gt;: {numbers}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Held-out&lt;/b&gt; ({n} chars): {numbers}</source>
        <translation>&lt;b&gt;Reservado&lt;/b&gt; ({n} caracteres): {numbers}</translation>
    </message>
    <message>
        <source>Tokenization</source>
        <translation>Tokenização</translation>
    </message>
    <message>
        <source>A model never sees letters: it sees numbered pieces of text called tokens. Here the same text is cut several ways, so you can see why subword pieces win.</source>
        <translation>Um modelo nunca vê letras: ele vê pedaços numerados de texto chamados tokens. Aqui o mesmo texto é cortado de várias maneiras, para você ver por que os pedaços de subpalavras levam a melhor.</translation>
    </message>
    <message>
        <source>Characters, words, byte-level BPE and the model&apos;s own tokenizer, as chips with their ids (hover one for its span).</source>
        <translation>Caracteres, palavras, BPE em nível de bytes e o próprio tokenizador do modelo, como etiquetas com seus ids (passe o mouse sobre uma para ver seu trecho).</translation>
    </message>
    <message>
        <source>Numbers for your text and for held-out text: tokens, characters per token, unknown tokens, whether decoding gives the text back.</source>
        <translation>Números do seu texto e do texto reservado: tokens, caracteres por token, tokens desconhecidos e se a decodificação devolve o texto.</translation>
    </message>
    <message>
        <source>A BPE vocabulary learned from the corpus: move the slider to replay it merge by merge.</source>
        <translation>Um vocabulário BPE aprendido a partir do corpus: mova o controle deslizante para repeti-lo fusão por fusão.</translation>
    </message>
    <message>
        <source>Batch: sentences padded into one batch with its attention mask. Chat: a conversation flattened by a chat template.</source>
        <translation>Lote: frases preenchidas num único lote com sua máscara de atenção. Chat: uma conversa achatada por um modelo de chat.</translation>
    </message>
    <message>
        <source>Tok&amp;enizers</source>
        <translation>Tok&amp;enizadores</translation>
    </message>
    <message>
        <source>&amp;Batch</source>
        <translation>&amp;Lote</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>C&amp;hat</translation>
    </message>
    <message>
        <source>Text to tokenize</source>
        <translation>Texto a tokenizar</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>&amp;Texto:</translation>
    </message>
    <message>
        <source>No BPE vocabulary: the BPE panel says why.</source>
        <translation>Nenhum vocabulário BPE: o painel BPE explica por quê.</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>BPE</source>
        <translation>BPE</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Mostrar:</translation>
    </message>
    <message>
        <source>The text is {n} characters long: only the first {m} are tokenized.</source>
        <translation>O texto tem {n} caracteres: apenas os primeiros {m} são tokenizados.</translation>
    </message>
    <message>
        <source>Chips are drawn for the first {n} characters; the numbers count the whole text.</source>
        <translation>As etiquetas são desenhadas para os primeiros {n} caracteres; os números contam o texto inteiro.</translation>
    </message>
    <message>
        <source>The text is empty: type or paste something above, or pick a sample.</source>
        <translation>O texto está vazio: digite ou cole algo acima, ou escolha um exemplo.</translation>
    </message>
    <message>
        <source>After {k} of {total} merges: {n} tokens for the text drawn below.</source>
        <translation>Após {k} de {total} fusões: {n} tokens para o texto desenhado abaixo.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your text&lt;/b&gt;: counting {n} characters…</source>
        <translation>&lt;b&gt;Seu texto&lt;/b&gt;: contando {n} caracteres…</translation>
    </message>
    <message>
        <source>Pages of the tab</source>
        <translation>Páginas da aba</translation>
    </message>
    <message>
        <source>Building the vocabulary from the corpus…</source>
        <translation>Construindo o vocabulário a partir do corpus…</translation>
    </message>
    <message>
        <source>Training BPE on the corpus…</source>
        <translation>Treinando o BPE no corpus…</translation>
    </message>
    <message>
        <source>Could not use the corpus: {error}</source>
        <translation>Não foi possível usar o corpus: {error}</translation>
    </message>
    <message>
        <source>Held-out numbers: waiting for the corpus.</source>
        <translation>Números do texto reservado: aguardando o corpus.</translation>
    </message>
    <message>
        <source>Held-out text: counting…</source>
        <translation>Texto reservado: contando…</translation>
    </message>
    <message>
        <source>No corpus yet: the character, word and BPE vocabularies are built from the corpus.</source>
        <translation>Nenhum corpus ainda: os vocabulários de caracteres, palavras e BPE são construídos a partir do corpus.</translation>
    </message>
    <message>
        <source>Corpus: {corpus}. Vocabularies are built from its first 90%; the last 10% is held out.</source>
        <translation>Corpus: {corpus}. Os vocabulários são construídos com seus primeiros 90%; os últimos 10% ficam reservados.</translation>
    </message>
    <message>
        <source>It is large, so only its first {n} characters are used.</source>
        <translation>Ele é grande, então só seus primeiros {n} caracteres são usados.</translation>
    </message>
    <message>
        <source>Model tokenizer: {model}.</source>
        <translation>Tokenizador do modelo: {model}.</translation>
    </message>
    <message>
        <source>BPE: vocabulary size against merges</source>
        <translation>BPE: tamanho do vocabulário em função das fusões</translation>
    </message>
    <message>
        <source>BPE: characters per token against merges</source>
        <translation>BPE: caracteres por token em função das fusões</translation>
    </message>
    <message>
        <source>BPE merges</source>
        <translation>Fusões BPE</translation>
    </message>
    <message>
        <source>Statistics per tokenizer</source>
        <translation>Estatísticas por tokenizador</translation>
    </message>
    <message>
        <source>Tokens of the text</source>
        <translation>Tokens do texto</translation>
    </message>
    <message>
        <source>&amp;One sentence
per line:</source>
        <translation>Uma fra&amp;se
por linha:</translation>
    </message>
    <message>
        <source>Pa&amp;dding:</source>
        <translation>Preenchi&amp;mento:</translation>
    </message>
    <message>
        <source>Ma&amp;x length:</source>
        <translation>Com&amp;primento máx.:</translation>
    </message>
    <message>
        <source>Pad on the:</source>
        <translation>Preencher à:</translation>
    </message>
    <message>
        <source>to the longest</source>
        <translation>até a mais longa</translation>
    </message>
    <message>
        <source>to the max length</source>
        <translation>até o comprimento máximo</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhum</translation>
    </message>
    <message>
        <source>right</source>
        <translation>direita</translation>
    </message>
    <message>
        <source>left</source>
        <translation>esquerda</translation>
    </message>
    <message>
        <source>Tr&amp;uncate</source>
        <translation>Tru&amp;ncar</translation>
    </message>
    <message>
        <source>Cut every row to the max length</source>
        <translation>Cortar cada linha no comprimento máximo</translation>
    </message>
    <message>
        <source>Padding side</source>
        <translation>Lado do preenchimento</translation>
    </message>
    <message>
        <source>Padding</source>
        <translation>Preenchimento</translation>
    </message>
    <message>
        <source>Max length</source>
        <translation>Comprimento máximo</translation>
    </message>
    <message>
        <source>Sentences, one per line</source>
        <translation>Frases, uma por linha</translation>
    </message>
    <message>
        <source>The batch: input_ids, attention_mask</source>
        <translation>O lote: input_ids, attention_mask</translation>
    </message>
    <message>
        <source>Load a model (File &gt; Open model) to batch sentences with its tokenizer.</source>
        <translation>Carregue um modelo (Arquivo &gt; Abrir modelo) para montar lotes de frases com o tokenizador dele.</translation>
    </message>
    <message>
        <source>Type one sentence per line.</source>
        <translation>Digite uma frase por linha.</translation>
    </message>
    <message>
        <source>{pad} of the {cells} positions are padding ({share}).</source>
        <translation>{pad} das {cells} posições são preenchimento ({share}).</translation>
    </message>
    <message>
        <source>This tokenizer has no pad token, so its end-of-text token {token} (id {id}) pads; the attention mask tells the model to ignore it.</source>
        <translation>Este tokenizador não tem token de preenchimento, então o token de fim de texto {token} (id {id}) preenche; a máscara de atenção diz ao modelo para ignorá-lo.</translation>
    </message>
    <message>
        <source>Pad token: {token} (id {id}).</source>
        <translation>Token de preenchimento: {token} (id {id}).</translation>
    </message>
    <message>
        <source>row {row}: {n}</source>
        <translation>linha {row}: {n}</translation>
    </message>
    <message>
        <source>Tokens cut by truncation: {rows}.</source>
        <translation>Tokens cortados pela truncagem: {rows}.</translation>
    </message>
    <message>
        <source>Only the first {n} lines are batched.</source>
        <translation>Só as primeiras {n} linhas entram no lote.</translation>
    </message>
    <message>
        <source>attention_mask[{row}][{col}] = {value}: {meaning}</source>
        <translation>attention_mask[{row}][{col}] = {value}: {meaning}</translation>
    </message>
    <message>
        <source>a real token, attended to</source>
        <translation>um token real, que recebe atenção</translation>
    </message>
    <message>
        <source>padding, ignored</source>
        <translation>preenchimento, ignorado</translation>
    </message>
    <message>
        <source>token_type_ids[{row}][{col}] = {value}: which segment (sentence A = 0, B = 1)</source>
        <translation>token_type_ids[{row}][{col}] = {value}: qual segmento (frase A = 0, B = 1)</translation>
    </message>
    <message>
        <source>Padding ({token}, id {id}): the attention mask is 0 here.</source>
        <translation>Preenchimento ({token}, id {id}): a máscara de atenção é 0 aqui.</translation>
    </message>
    <message>
        <source>Row {row}, position {col}: “{token}” (id {id})</source>
        <translation>Linha {row}, posição {col}: “{token}” (id {id})</translation>
    </message>
    <message>
        <source>Hatched chips are padding. Point at a chip, or click the grid and use the arrow keys.</source>
        <translation>Fichas hachuradas são preenchimento. Aponte para uma ficha, ou clique na grade e use as setas.</translation>
    </message>
    <message>
        <source>Padded batch</source>
        <translation>Lote preenchido</translation>
    </message>
    <message>
        <source>Padded batch: ids and masks</source>
        <translation>Lote preenchido: ids e máscaras</translation>
    </message>
    <message>
        <source>system</source>
        <translation>system (sistema)</translation>
    </message>
    <message>
        <source>user</source>
        <translation>user (usuário)</translation>
    </message>
    <message>
        <source>assistant</source>
        <translation>assistant (assistente)</translation>
    </message>
    <message>
        <source>Role of turn {n}</source>
        <translation>Papel do turno {n}</translation>
    </message>
    <message>
        <source>Text of turn {n}</source>
        <translation>Texto do turno {n}</translation>
    </message>
    <message>
        <source>(empty turns are left out)</source>
        <translation>(turnos vazios ficam de fora)</translation>
    </message>
    <message>
        <source>Temp&amp;late:</source>
        <translation>Mo&amp;delo:</translation>
    </message>
    <message>
        <source>Chat template</source>
        <translation>Modelo de chat</translation>
    </message>
    <message>
        <source>End &amp;with the assistant&apos;s turn opening</source>
        <translation>Terminar com a a&amp;bertura do turno do assistente</translation>
    </message>
    <message>
        <source>add_generation_prompt: the text ends where the model should start its answer</source>
        <translation>add_generation_prompt: o texto termina onde o modelo deve começar a resposta</translation>
    </message>
    <message>
        <source>Use &amp;as prompt</source>
        <translation>Usar como pr&amp;ompt</translation>
    </message>
    <message>
        <source>Send this text, ending with the assistant&apos;s turn opening, to the Next token tab</source>
        <translation>Mandar este texto, terminando com a abertura do turno do assistente, para a aba Próximo token</translation>
    </message>
    <message>
        <source>The conversation as one string</source>
        <translation>A conversa como uma única string</translation>
    </message>
    <message>
        <source>The conversation&apos;s tokens</source>
        <translation>Os tokens da conversa</translation>
    </message>
    <message>
        <source>Example: ChatML style (not this model&apos;s)</source>
        <translation>Exemplo: estilo ChatML (não é o deste modelo)</translation>
    </message>
    <message>
        <source>Example: instruction style (not this model&apos;s)</source>
        <translation>Exemplo: estilo instrução (não é o deste modelo)</translation>
    </message>
    <message>
        <source>The model&apos;s own template</source>
        <translation>O modelo de chat do próprio modelo</translation>
    </message>
    <message>
        <source>Load a model to see its chat template and tokens.</source>
        <translation>Carregue um modelo para ver o modelo de chat e os tokens dele.</translation>
    </message>
    <message>
        <source>The model&apos;s own template.</source>
        <translation>O modelo de chat do próprio modelo.</translation>
    </message>
    <message>
        <source>An example template: this model was not trained on this format, so its markers are plain text that it cuts into ordinary tokens.</source>
        <translation>Um modelo de exemplo: este modelo não foi treinado neste formato, então os marcadores são texto comum que ele corta em tokens comuns.</translation>
    </message>
    <message>
        <source>{chars} characters, {tokens} tokens; {markers} markers and special tokens highlighted.</source>
        <translation>{chars} caracteres, {tokens} tokens; {markers} marcadores e tokens especiais destacados.</translation>
    </message>
    <message>
        <source>Chat: the rendered text&apos;s tokens</source>
        <translation>Chat: os tokens do texto gerado pelo modelo de chat</translation>
    </message>
</context>
<context>
    <name>TrainingTab</name>
    <message>
        <source>&amp;New batch</source>
        <translation>&amp;Novo lote</translation>
    </message>
    <message>
        <source>Draw the next batch of the same run (seeded: the same settings always give the same batches)</source>
        <translation>Sortear o próximo lote do mesmo treino (com semente: as mesmas configurações sempre dão os mesmos lotes)</translation>
    </message>
    <message>
        <source>The batch as token chips</source>
        <translation>O lote como fichas de tokens</translation>
    </message>
    <message>
        <source>Use the arrow keys to move from chip to chip; the line below says what each one stands for.</source>
        <translation>Use as setas para ir de ficha em ficha; a linha abaixo diz o que cada uma representa.</translation>
    </message>
    <message>
        <source>No corpus yet: open one with File &gt; Open corpus.</source>
        <translation>Nenhum corpus ainda: abra um com Arquivo &gt; Abrir corpus.</translation>
    </message>
    <message>
        <source>Preparing the batch (the tokenizer and the token file, as a run would)…</source>
        <translation>Preparando o lote (o tokenizador e o arquivo de tokens, como um treino faria)…</translation>
    </message>
    <message>
        <source>One batch of the current settings appears here: what the model reads and what it must predict.</source>
        <translation>Um lote das configurações atuais aparece aqui: o que o modelo lê e o que ele precisa prever.</translation>
    </message>
    <message>
        <source>Point at a chip, or click the grid and use the arrow keys, to read what it stands for.</source>
        <translation>Aponte para uma ficha, ou clique na grade e use as setas, para ler o que ela representa.</translation>
    </message>
    <message>
        <source>What the model sees</source>
        <translation>O que o modelo vê</translation>
    </message>
    <message>
        <source>The batch&apos;s tokens</source>
        <translation>Os tokens do lote</translation>
    </message>
    <message>
        <source>tokens counted when training starts</source>
        <translation>tokens contados quando o treinamento começar</translation>
    </message>
    <message>
        <source>{n} tokens</source>
        <translation>{n} tokens</translation>
    </message>
    <message>
        <source>Corpus: {name}
{chars} characters · {tokens}</source>
        <translation>Corpus: {name}
{chars} caracteres · {tokens}</translation>
    </message>
    <message>
        <source>There is no current model to fine-tune: open one with File &gt; Open model folder, or start from scratch.</source>
        <translation>Não há modelo atual para o ajuste fino: abra um com Arquivo &gt; Abrir pasta de modelo, ou comece do zero.</translation>
    </message>
    <message>
        <source>The block size ({block}) is longer than the model&apos;s context ({context}).</source>
        <translation>O tamanho do bloco ({block}) é maior que o contexto do modelo ({context}).</translation>
    </message>
    <message>
        <source>Open a corpus first (File &gt; Open corpus).</source>
        <translation>Abra um corpus primeiro (Arquivo &gt; Abrir corpus).</translation>
    </message>
    <message>
        <source>{device} is not available on this machine.</source>
        <translation>{device} não está disponível nesta máquina.</translation>
    </message>
    <message>
        <source>The corpus is too short: its validation split has {val} tokens, but one example needs block size + 1 = {need}. Use a longer corpus or a block size of at most {most}.</source>
        <translation>O corpus é curto demais: sua parte de validação tem {val} tokens, mas um exemplo precisa de tamanho do bloco + 1 = {need}. Use um corpus mais longo ou um tamanho de bloco de no máximo {most}.</translation>
    </message>
    <message>
        <source>No estimate for these settings: {reason}</source>
        <translation>Sem estimativa para estas configurações: {reason}</translation>
    </message>
    <message>
        <source>{approx}{params} parameters · about {memory} to train · {tokens} tokens per step</source>
        <translation>{approx}{params} parâmetros · cerca de {memory} para treinar · {tokens} tokens por passo</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>Caracteres</translation>
    </message>
    <message>
        <source>Byte-level BPE</source>
        <translation>BPE em nível de bytes</translation>
    </message>
    <message>
        <source>BPE vocabulary size</source>
        <translation>Tamanho do vocabulário BPE</translation>
    </message>
    <message>
        <source>Causal GPT (next token)</source>
        <translation>Próximo token (GPT)</translation>
    </message>
    <message>
        <source>Bigram table (baseline)</source>
        <translation>Bigramas (referência)</translation>
    </message>
    <message>
        <source>Masked LM (RoBERTa)</source>
        <translation>Mascarado (RoBERTa)</translation>
    </message>
    <message>
        <source>Scratch</source>
        <translation>Do zero</translation>
    </message>
    <message>
        <source>CPU quick</source>
        <translation>Rápido (CPU)</translation>
    </message>
    <message>
        <source>GPU baby</source>
        <translation>Baby GPT (GPU)</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personalizado</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Automático</translation>
    </message>
    <message>
        <source>Mixed precision (bf16/fp16, CUDA only)</source>
        <translation>Precisão mista (bf16/fp16, só CUDA)</translation>
    </message>
    <message>
        <source>Memory for one training step: weights, gradients, the two AdamW moments and the activations kept for the backward pass.</source>
        <translation>Memória para um passo de treinamento: pesos, gradientes, os dois momentos do AdamW e as ativações guardadas para a passagem backward.</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Iniciar</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausar</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>Pa&amp;rar</translation>
    </message>
    <message>
        <source>nanoGPT&apos;s CPU model: 4 layers, 4 heads, width 128, block 64</source>
        <translation>Modelo de CPU do nanoGPT: 4 camadas, 4 cabeças, largura 128, bloco 64</translation>
    </message>
    <message>
        <source>nanoGPT&apos;s Shakespeare GPU model: 6 layers, 6 heads, width 384, block 256</source>
        <translation>Modelo de GPU do nanoGPT para Shakespeare: 6 camadas, 6 cabeças, largura 384, bloco 256</translation>
    </message>
    <message>
        <source>Tokenizer:</source>
        <translation>Tokenizador:</translation>
    </message>
    <message>
        <source>What the model sees: one batch of the current settings as token chips, inputs over the targets they predict.</source>
        <translation>O que o modelo vê: um lote das configurações atuais como fichas de tokens, entradas sobre os alvos que elas preveem.</translation>
    </message>
    <message>
        <source>BPE vocabulary:</source>
        <translation>Vocabulário BPE:</translation>
    </message>
    <message>
        <source>Objective:</source>
        <translation>Objetivo:</translation>
    </message>
    <message>
        <source>Start from:</source>
        <translation>Começar de:</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>Predefinição:</translation>
    </message>
    <message>
        <source>Layers:</source>
        <translation>Camadas:</translation>
    </message>
    <message>
        <source>Heads:</source>
        <translation>Cabeças:</translation>
    </message>
    <message>
        <source>Width (n_embd):</source>
        <translation>Largura (n_embd):</translation>
    </message>
    <message>
        <source>Block size (context):</source>
        <translation>Tamanho do contexto:</translation>
    </message>
    <message>
        <source>Dropout:</source>
        <translation>Dropout:</translation>
    </message>
    <message>
        <source>Activation:</source>
        <translation>Ativação:</translation>
    </message>
    <message>
        <source>Sample text:</source>
        <translation>Texto da amostra:</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Tamanho do batch:</translation>
    </message>
    <message>
        <source>Gradient accumulation:</source>
        <translation>Acumulação de gradiente:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>Taxa de aprendizado:</translation>
    </message>
    <message>
        <source>Warmup steps:</source>
        <translation>Passos de aquecimento:</translation>
    </message>
    <message>
        <source>Iterations:</source>
        <translation>Iterações:</translation>
    </message>
    <message>
        <source>Evaluate every (steps):</source>
        <translation>Avaliar a cada (passos):</translation>
    </message>
    <message>
        <source>Batches per evaluation:</source>
        <translation>Batches por avaliação:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Semente:</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Dispositivo:</translation>
    </message>
    <message>
        <source>The model&apos;s own</source>
        <translation>O do próprio modelo</translation>
    </message>
    <message>
        <source>The model&apos;s own ({n} tokens)</source>
        <translation>O do próprio modelo ({n} tokens)</translation>
    </message>
    <message>
        <source>{n} {prefix}FLOP/s</source>
        <translation>{n} {prefix}FLOP/s</translation>
    </message>
    <message>
        <source>{n} FLOP/s</source>
        <translation>{n} FLOP/s</translation>
    </message>
    <message>
        <source>Arithmetic done per second of training: {per_token} floating-point operations per token (about 6 per parameter, forward and backward, plus attention) times the tokens per second.</source>
        <translation>Contas feitas por segundo de treino: {per_token} operações de ponto flutuante por token (cerca de 6 por parâmetro, na ida e na volta, mais a atenção) vezes os tokens por segundo.</translation>
    </message>
    <message>
        <source>MFU compares it with this GPU&apos;s published peak.</source>
        <translation>O MFU compara esse valor com o pico publicado desta GPU.</translation>
    </message>
    <message>
        <source>MFU (the share of the device&apos;s peak) is shown only for GPUs whose peak is known: a CPU has no single published peak, and small models use only a sliver of it.</source>
        <translation>O MFU (a fração do pico do dispositivo) só aparece para GPUs de pico conhecido: uma CPU não tem um único pico publicado, e modelos pequenos usam só uma lasca dele.</translation>
    </message>
    <message>
        <source>the start of the validation text</source>
        <translation>o início do texto de validação</translation>
    </message>
    <message>
        <source>What each evaluation&apos;s sample starts from (a GPT continues it), or the sentence whose hidden tokens a masked LM guesses.</source>
        <translation>De onde parte a amostra de cada avaliação (um GPT a continua), ou a frase cujos tokens ocultos um LM mascarado adivinha.</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Dados</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation>Otimização</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Hardware</translation>
    </message>
    <message>
        <source>R&amp;esume…</source>
        <translation>R&amp;etomar…</translation>
    </message>
    <message>
        <source>Continue a run saved earlier from where it stopped: choose its folder (the one holding “last”). It keeps its own settings and tokenizer.</source>
        <translation>Continua uma execução salva anteriormente de onde ela parou: escolha a pasta dela (a que contém “last”). Ela mantém suas próprias configurações e seu tokenizador.</translation>
    </message>
    <message>
        <source>MPS (Apple GPU)</source>
        <translation>MPS (GPU da Apple)</translation>
    </message>
    <message>
        <source>Auto ({device})</source>
        <translation>Automático ({device})</translation>
    </message>
    <message>
        <source>{device} (not available)</source>
        <translation>{device} (indisponível)</translation>
    </message>
    <message>
        <source>Fine-tune the current model ({name})</source>
        <translation>Ajuste fino do modelo atual ({name})</translation>
    </message>
    <message>
        <source>Fine-tune the current model (none loaded)</source>
        <translation>Ajuste fino do modelo atual (nenhum carregado)</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>Re&amp;tomar</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>passos</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>tokens</translation>
    </message>
    <message>
        <source>time</source>
        <translation>tempo</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>Suavização</translation>
    </message>
    <message>
        <source>How much the thick train curve averages recent steps (0 = raw values)</source>
        <translation>Quanto a curva grossa de treino faz a média dos passos recentes (0 = valores brutos)</translation>
    </message>
    <message>
        <source>Log y</source>
        <translation>y logarítmico</translation>
    </message>
    <message>
        <source>Clear earlier runs</source>
        <translation>Limpar execuções anteriores</translation>
    </message>
    <message>
        <source>&amp;X axis:</source>
        <translation>Eixo &amp;X:</translation>
    </message>
    <message>
        <source>S&amp;moothing:</source>
        <translation>&amp;Suavização:</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Não iniciado</translation>
    </message>
    <message>
        <source>— tokens/s</source>
        <translation>— tokens/s</translation>
    </message>
    <message>
        <source>— ms/iter</source>
        <translation>— ms/iter</translation>
    </message>
    <message>
        <source>— FLOP/s</source>
        <translation>— FLOP/s</translation>
    </message>
    <message>
        <source>Epoch —</source>
        <translation>Época —</translation>
    </message>
    <message>
        <source>Device: —</source>
        <translation>Dispositivo: —</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation>Progresso do treinamento</translation>
    </message>
    <message>
        <source>Loading torch and transformers (once per session)</source>
        <translation>Carregando torch e transformers (uma vez por sessão)</translation>
    </message>
    <message>
        <source>Building the tokenizer</source>
        <translation>Construindo o tokenizador</translation>
    </message>
    <message>
        <source>Tokenizing the corpus</source>
        <translation>Tokenizando o corpus</translation>
    </message>
    <message>
        <source>step %v of %m</source>
        <translation>passo %v de %m</translation>
    </message>
    <message>
        <source>Device: {device}</source>
        <translation>Dispositivo: {device}</translation>
    </message>
    <message>
        <source>step %v of %m · {eta} left</source>
        <translation>passo %v de %m · faltam {eta}</translation>
    </message>
    <message>
        <source>{n} tokens/s</source>
        <translation>{n} tokens/s</translation>
    </message>
    <message>
        <source>{ms} ms/iter</source>
        <translation>{ms} ms/iter</translation>
    </message>
    <message>
        <source>MFU: {mfu}</source>
        <translation>MFU: {mfu}</translation>
    </message>
    <message>
        <source>GPU memory: {m}</source>
        <translation>Memória da GPU: {m}</translation>
    </message>
    <message>
        <source>Epoch {n} ({passes} passes)</source>
        <translation>Época {n} ({passes} passadas)</translation>
    </message>
    <message>
        <source>One epoch: as many tokens as the training split holds ({n})</source>
        <translation>Uma época: tantos tokens quanto a parte de treino tem ({n})</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Concluído</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Parado</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falhou</translation>
    </message>
    <message>
        <source>{status} at step {step}</source>
        <translation>{status} no passo {step}</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>Preparando…</translation>
    </message>
    <message>
        <source>Loss curve</source>
        <translation>Curva de perda</translation>
    </message>
    <message>
        <source>train (smoothed)</source>
        <translation>treino (suavizado)</translation>
    </message>
    <message>
        <source>val</source>
        <translation>validação</translation>
    </message>
    <message>
        <source>best val</source>
        <translation>melhor validação</translation>
    </message>
    <message>
        <source>{run} (best val {loss})</source>
        <translation>{run} (melhor validação {loss})</translation>
    </message>
    <message>
        <source>Press Start: the loss appears here as the model trains.</source>
        <translation>Pressione Iniciar: a perda aparece aqui enquanto o modelo treina.</translation>
    </message>
    <message>
        <source>loss (nats per token)</source>
        <translation>perda (nats por token)</translation>
    </message>
    <message>
        <source>train (raw, faint)</source>
        <translation>treino (bruto, esmaecido)</translation>
    </message>
    <message>
        <source>optimizer step</source>
        <translation>passo do otimizador</translation>
    </message>
    <message>
        <source>tokens seen</source>
        <translation>tokens vistos</translation>
    </message>
    <message>
        <source>training time (min:s, pauses excluded)</source>
        <translation>tempo de treinamento (min:s, sem contar pausas)</translation>
    </message>
    <message>
        <source>step {step} · {tokens} tokens · {time}</source>
        <translation>passo {step} · {tokens} tokens · {time}</translation>
    </message>
    <message>
        <source>train {raw} (smoothed {smooth})</source>
        <translation>treino {raw} (suavizado {smooth})</translation>
    </message>
    <message>
        <source>val {loss} at step {step}</source>
        <translation>validação {loss} no passo {step}</translation>
    </message>
    <message>
        <source>best val {loss} at step {step}</source>
        <translation>melhor validação {loss} no passo {step}</translation>
    </message>
    <message>
        <source>baseline {loss}</source>
        <translation>referência {loss}</translation>
    </message>
    <message>
        <source>bigram table</source>
        <translation>tabela de bigramas</translation>
    </message>
    <message>
        <source>The loss became NaN (not a number).</source>
        <translation>A perda virou NaN (não é um número).</translation>
    </message>
    <message>
        <source>Out of memory.</source>
        <translation>Memória esgotada.</translation>
    </message>
    <message>
        <source>The corpus is too short.</source>
        <translation>O corpus é curto demais.</translation>
    </message>
    <message>
        <source>The device is not available.</source>
        <translation>O dispositivo não está disponível.</translation>
    </message>
    <message>
        <source>The tokenizer could not be built.</source>
        <translation>Não foi possível construir o tokenizador.</translation>
    </message>
    <message>
        <source>A checkpoint could not be saved or read.</source>
        <translation>Não foi possível salvar ou ler um checkpoint.</translation>
    </message>
    <message>
        <source>These settings cannot run.</source>
        <translation>Estas configurações não podem ser executadas.</translation>
    </message>
    <message>
        <source>Training failed.</source>
        <translation>O treinamento falhou.</translation>
    </message>
    <message>
        <source>Best val loss: {loss}.</source>
        <translation>Melhor perda de validação: {loss}.</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Treinamento</translation>
    </message>
    <message>
        <source>A language model learns by guessing the next token millions of times and correcting itself. Here a small model learns from the current corpus while you watch.</source>
        <translation>Um modelo de linguagem aprende adivinhando o próximo token milhões de vezes e corrigindo a si mesmo. Aqui um modelo pequeno aprende com o corpus atual enquanto você observa.</translation>
    </message>
    <message>
        <source>Train and validation loss plotted live, with a count-based bigram baseline to beat, and text samples as the model learns.</source>
        <translation>Perda de treino e de validação traçadas ao vivo, com uma referência de bigramas baseada em contagens a ser superada, e amostras de texto à medida que o modelo aprende.</translation>
    </message>
    <message>
        <source>Runs on the GPU when there is one (CUDA or Apple MPS), otherwise on the CPU; then use the trained checkpoint in the other tabs.</source>
        <translation>Roda na GPU quando houver uma (CUDA ou Apple MPS), senão na CPU; depois use o checkpoint treinado nas outras abas.</translation>
    </message>
    <message>
        <source>Values under the cursor</source>
        <translation>Valores sob o cursor</translation>
    </message>
    <message>
        <source>Loss curves</source>
        <translation>Curvas de perda</translation>
    </message>
    <message>
        <source>Loss values</source>
        <translation>Valores de perda</translation>
    </message>
    <message>
        <source>Choose the folder of a saved run</source>
        <translation>Escolha a pasta de uma execução salva</translation>
    </message>
    <message>
        <source>This run cannot be resumed.</source>
        <translation>Esta execução não pode ser retomada.</translation>
    </message>
    <message>
        <source>Training a {params}-parameter {model} on {device}; a uniform guess would score {uniform}.</source>
        <translation>Treinando um {model} de {params} parâmetros em {device}; um palpite uniforme daria {uniform}.</translation>
    </message>
    <message>
        <source>&amp;Loss curves</source>
        <translation>Curvas de per&amp;da</translation>
    </message>
    <message>
        <source>&amp;What the model sees</source>
        <translation>O &amp;que o modelo vê</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Visões</translation>
    </message>
    <message>
        <source>--- step {step} (val loss {loss}) ---</source>
        <translation>--- passo {step} (perda de validação {loss}) ---</translation>
    </message>
    <message>
        <source>Point at the curve to read every series.</source>
        <translation>Aponte para a curva para ler todas as séries.</translation>
    </message>
    <message>
        <source>Will train on {name} ({chars} characters).</source>
        <translation>Vai treinar com {name} ({chars} caracteres).</translation>
    </message>
    <message>
        <source>Generated samples</source>
        <translation>Amostras geradas</translation>
    </message>
    <message>
        <source>Each evaluation&apos;s generated text appears here.</source>
        <translation>O texto gerado em cada avaliação aparece aqui.</translation>
    </message>
    <message>
        <source>&amp;Use this model</source>
        <translation>&amp;Usar este modelo</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>&amp;Abrir pasta</translation>
    </message>
    <message>
        <source>run {n}</source>
        <translation>execução {n}</translation>
    </message>
    <message>
        <source>bigram baseline (counts)</source>
        <translation>referência de bigramas (contagens)</translation>
    </message>
    <message>
        <source>=== run {n}: {model}, {params} parameters ===</source>
        <translation>=== execução {n}: {model}, {params} parâmetros ===</translation>
    </message>
    <message>
        <source>Finished {steps} steps in {time}.</source>
        <translation>{steps} passos concluídos em {time}.</translation>
    </message>
    <message>
        <source>Stopped at step {step}. Checkpoints are written whole or not at all, so nothing half-saved is left.</source>
        <translation>Parado no passo {step}. Os checkpoints são gravados inteiros ou não são gravados, então nada fica salvo pela metade.</translation>
    </message>
    <message>
        <source>The plot and the finished part of the run are kept.</source>
        <translation>O gráfico e a parte concluída da execução são mantidos.</translation>
    </message>
    <message>
        <source>A bigram table is not a transformer, so the other tabs cannot use it; its loss is the baseline a real model has to beat.</source>
        <translation>Uma tabela de bigramas não é um transformer, então as outras abas não podem usá-la; sua perda é a referência que um modelo de verdade precisa superar.</translation>
    </message>
    <message>
        <source>Checkpoint: {folder} (Open folder shows it)</source>
        <translation>Checkpoint: {folder} (Abrir pasta o mostra)</translation>
    </message>
    <message>
        <source>It loads as a masked LM: the Next token tab will fill masks.</source>
        <translation>Ele é carregado como um modelo de linguagem mascarado: a aba Próximo token vai preencher as máscaras.</translation>
    </message>
    <message>
        <source>Could not write the token file: {reason}</source>
        <translation>Não foi possível gravar o arquivo de tokens: {reason}</translation>
    </message>
    <message>
        <source>Preparing the data failed: {kind}: {reason}</source>
        <translation>A preparação dos dados falhou: {kind}: {reason}</translation>
    </message>
    <message>
        <source>The corpus is empty: there are no characters to build a vocabulary from.</source>
        <translation>O corpus está vazio: não há caracteres para construir um vocabulário.</translation>
    </message>
    <message>
        <source>Training failed: {kind}: {reason}</source>
        <translation>O treinamento falhou: {kind}: {reason}</translation>
    </message>
    <message>
        <source>GELU (exact, nanoGPT)</source>
        <translation>GELU (exata, nanoGPT)</translation>
    </message>
    <message>
        <source>GELU (tanh, GPT-2)</source>
        <translation>GELU (tanh, GPT-2)</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>SiLU</source>
        <translation>SiLU</translation>
    </message>
    <message>
        <source>Tanh</source>
        <translation>Tanh</translation>
    </message>
    <message>
        <source>Curve of the chosen activation</source>
        <translation>Curva da ativação escolhida</translation>
    </message>
    <message>
        <source>The non-linearity between the two layers of every MLP block; the curve shows it for x from -3 to 3.</source>
        <translation>A não linearidade entre as duas camadas de cada bloco MLP; a curva a mostra para x de -3 a 3.</translation>
    </message>
    <message>
        <source>A question/answer record ends here: the next token starts another one.</source>
        <translation>Um registro de pergunta e resposta termina aqui: o próximo token começa outro.</translation>
    </message>
    <message>
        <source>Input {row}, position {position}: “{token}” (id {id})</source>
        <translation>Entrada {row}, posição {position}: “{token}” (id {id})</translation>
    </message>
    <message>
        <source>Prediction {position} of row {row}: after “{context}” comes “{token}”</source>
        <translation>Previsão {position} da linha {row}: depois de “{context}” vem “{token}”</translation>
    </message>
    <message>
        <source>input {n}</source>
        <translation>entrada {n}</translation>
    </message>
    <message>
        <source>target {n}</source>
        <translation>alvo {n}</translation>
    </message>
    <message>
        <source>Position {position}: hidden behind {mask}; the model must guess “{token}”</source>
        <translation>Posição {position}: escondida atrás de {mask}; o modelo precisa adivinhar “{token}”</translation>
    </message>
    <message>
        <source>Position {position}: replaced by a random token, “{shown}”; the model must still guess “{token}”</source>
        <translation>Posição {position}: trocada por um token aleatório, “{shown}”; o modelo ainda precisa adivinhar “{token}”</translation>
    </message>
    <message>
        <source>Position {position}: chosen but left as it was; the model must still say “{token}”</source>
        <translation>Posição {position}: escolhida, mas deixada como estava; o modelo ainda precisa dizer “{token}”</translation>
    </message>
    <message>
        <source>Position {position}: not chosen, so the loss ignores it (label -100)</source>
        <translation>Posição {position}: não escolhida, então a perda a ignora (rótulo -100)</translation>
    </message>
    <message>
        <source>label {n}</source>
        <translation>rótulo {n}</translation>
    </message>
    <message>
        <source>Batch {draw} of a run with seed {seed}: {b} sequences × {t} tokens.</source>
        <translation>Lote {draw} de um treino com semente {seed}: {b} sequências × {t} tokens.</translation>
    </message>
    <message>
        <source>Mask probability {p}: {chosen} of the {drawn} positions drawn are chosen ({share}): {masked} masked, {replaced} replaced, {kept} kept. The loss is computed only there.</source>
        <translation>Probabilidade de máscara {p}: {chosen} das {drawn} posições desenhadas foram escolhidas ({share}): {masked} mascaradas, {replaced} trocadas, {kept} mantidas. A perda é calculada só nelas.</translation>
    </message>
    <message>
        <source>{n} predictions per batch (B × T = {b} × {t}): at every position the target is the next token, so the target row is the input row shifted one place to the left.</source>
        <translation>{n} previsões por lote (B × T = {b} × {t}): em cada posição o alvo é o próximo token, então a linha de alvo é a linha de entrada deslocada uma casa para a esquerda.</translation>
    </message>
    <message>
        <source>Drawn: the first {rows} of the {b} sequences.</source>
        <translation>Desenhadas: as primeiras {rows} das {b} sequências.</translation>
    </message>
    <message>
        <source>Drawn: the first {columns} of the {t} positions.</source>
        <translation>Desenhadas: as primeiras {columns} das {t} posições.</translation>
    </message>
    <message>
        <source>One epoch (a pass over the {n} training tokens) = {steps} steps of {per_step} tokens.</source>
        <translation>Uma época (uma passada pelos {n} tokens de treino) = {steps} passos de {per_step} tokens.</translation>
    </message>
    <message>
        <source>{n} question/answer records, each ending with an end-of-text token: a thick bar after a chip marks where one ends.</source>
        <translation>{n} registros de pergunta e resposta, cada um terminando com um token de fim de texto: uma barra grossa depois de uma ficha marca onde um termina.</translation>
    </message>
    <message>
        <source>Thick border: masked (80% of the chosen). Dashed: a random token (10%). Dotted: kept as it was (10%). Faint · with -100: ignored by the loss.</source>
        <translation>Borda grossa: mascarado (80% dos escolhidos). Tracejada: um token aleatório (10%). Pontilhada: mantido como estava (10%). · claro com -100: ignorado pela perda.</translation>
    </message>
    <message>
        <source>Each target chip has the colour of the input chip it repeats, one column to the right: the model learns to predict it from everything up to there.</source>
        <translation>Cada ficha de alvo tem a cor da ficha de entrada que ela repete, uma coluna à direita: o modelo aprende a prevê-la a partir de tudo até ali.</translation>
    </message>
    <message>
        <source>Mask probability:</source>
        <translation>Probabilidade de máscara:</translation>
    </message>
    <message>
        <source>Epochs (0 = use iterations):</source>
        <translation>Épocas (0 = usar iterações):</translation>
    </message>
    <message>
        <source>Validation records (%):</source>
        <translation>Registros de validação (%):</translation>
    </message>
    <message>
        <source>Split seed:</source>
        <translation>Semente da divisão:</translation>
    </message>
    <message>
        <source>Masked objective: the share of tokens hidden for the model to guess (0.15 as in BERT; lower it for a small corpus)</source>
        <translation>Objetivo mascarado: a parcela de tokens escondidos para o modelo adivinhar (0,15 como no BERT; diminua num corpus pequeno)</translation>
    </message>
    <message>
        <source>off</source>
        <translation>desligado</translation>
    </message>
    <message>
        <source>The run length as passes over the training tokens; 0 uses Iterations instead</source>
        <translation>A duração do treino em passadas pelos tokens de treino; 0 usa Iterações</translation>
    </message>
    <message>
        <source>Question/answer corpora: the share of whole records held out for validation</source>
        <translation>Corpora de perguntas e respostas: a parcela de registros inteiros separada para validação</translation>
    </message>
    <message>
        <source>Question/answer corpora: the seed that picks the validation records</source>
        <translation>Corpora de perguntas e respostas: a semente que escolhe os registros de validação</translation>
    </message>
    <message>
        <source>Steps per epoch: known once the corpus is tokenized (press Start, or open “What the model sees”).</source>
        <translation>Passos por época: conhecidos quando o corpus for tokenizado (clique em Iniciar, ou abra “O que o modelo vê”).</translation>
    </message>
    <message>
        <source>1 epoch ≈ {steps} steps (≈ {tokens} train tokens);</source>
        <translation>1 época ≈ {steps} passos (≈ {tokens} tokens de treino);</translation>
    </message>
    <message>
        <source>{epochs} epochs ≈ {steps} steps</source>
        <translation>{epochs} épocas ≈ {steps} passos</translation>
    </message>
    <message>
        <source>{steps} steps ≈ {epochs} epochs</source>
        <translation>{steps} passos ≈ {epochs} épocas</translation>
    </message>
</context>
</TS>
