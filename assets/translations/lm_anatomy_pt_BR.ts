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
        <source>The cat sat on the mat because it was tired.</source>
        <translation>O gato sentou no tapete porque ele estava cansado.</translation>
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
        <source>Export &amp;image…</source>
        <translation>Exportar &amp;imagem…</translation>
    </message>
    <message>
        <source>Save the plot shown as PNG or SVG.</source>
        <translation>Salva o gráfico exibido como PNG ou SVG.</translation>
    </message>
    <message>
        <source>Export C&amp;SV…</source>
        <translation>Exportar C&amp;SV…</translation>
    </message>
    <message>
        <source>Save the matrix of the chosen layer and head (or mean of heads) as CSV, with the tokens as row and column labels.</source>
        <translation>Salva a matriz da camada e da cabeça escolhidas (ou a média das cabeças) como CSV, com os tokens como rótulos de linhas e colunas.</translation>
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
        <source>&amp;View:</source>
        <translation>&amp;Visualização:</translation>
    </message>
    <message>
        <source>L&amp;ayer:</source>
        <translation>C&amp;amada:</translation>
    </message>
    <message>
        <source>&amp;Head:</source>
        <translation>Ca&amp;beça:</translation>
    </message>
    <message>
        <source>C&amp;olours:</source>
        <translation>C&amp;ores:</translation>
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
        <source>Export the attention plot</source>
        <translation>Exportar o gráfico de atenção</translation>
    </message>
    <message>
        <source>Export the attention matrix</source>
        <translation>Exportar a matriz de atenção</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>Arquivo CSV (*.csv)</translation>
    </message>
    <message>
        <source>query \ key</source>
        <translation>consulta \ chave</translation>
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
        <source>{values} ({n} numbers), length {norm:.3f}</source>
        <translation>{values} ({n} números), comprimento {norm:.3f}</translation>
    </message>
    <message>
        <source>× scale 1/√d_head = 1/√{d}</source>
        <translation>× escala 1/√d_head = 1/√{d}</translation>
    </message>
    <message>
        <source>× scale</source>
        <translation>× escala</translation>
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
        <source>{weight:.6f} (difference {error:.1e})</source>
        <translation>{weight:.6f} (diferença {error:.1e})</translation>
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
        <translation>q · k (multiplicar par a par, somar)</translation>
    </message>
    <message>
        <source>causal mask</source>
        <translation>máscara causal</translation>
    </message>
    <message>
        <source>softmax over the row (this recipe)</source>
        <translation>softmax sobre a linha (esta receita)</translation>
    </message>
    <message>
        <source>the model&apos;s own weight</source>
        <translation>o peso do próprio modelo</translation>
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
        <source>&amp;Train</source>
        <translation>&amp;Treinar</translation>
    </message>
    <message>
        <source>&amp;Vocabulary size:</source>
        <translation>Tamanho do &amp;vocabulário:</translation>
    </message>
    <message>
        <source>Min. &amp;frequency:</source>
        <translation>Frequência &amp;mín.:</translation>
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
        <source>Re&amp;start</source>
        <translation>&amp;Reiniciar</translation>
    </message>
    <message>
        <source> (a sample of the corpus)</source>
        <translation> (uma amostra do corpus)</translation>
    </message>
    <message>
        <source>Trained in {s:.2f} s on {n} characters{sampled}: {m} merges, vocabulary {v}.</source>
        <translation>Treinado em {s:.2f} s com {n} caracteres{sampled}: {m} fusões, vocabulário {v}.</translation>
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
        <translation>Etapa 5 de 5: o próximo token com temperatura baixa (0.5)</translation>
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
    <message>
        <source>The unbelievable tokenizer splits words into pieces.</source>
        <translation>O tokenizador inacreditável divide as palavras em pedaços.</translation>
    </message>
    <message>
        <source>The cat sat on the mat because it was tired.</source>
        <translation>O gato sentou no tapete porque estava cansado.</translation>
    </message>
    <message>
        <source>The cat sat on the</source>
        <translation>O gato sentou no</translation>
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
        <source>Use built-in &amp;corpus</source>
        <translation>Usar corpus em&amp;butido</translation>
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
        <source>Not UTF-8</source>
        <translation>Não é UTF-8</translation>
    </message>
    <message>
        <source>Read it as Latin-1 instead?</source>
        <translation>Ler como Latin-1 em vez disso?</translation>
    </message>
    <message>
        <source>Could not open the corpus</source>
        <translation>Não foi possível abrir o corpus</translation>
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
        <source>beam search (4 beams, shown at the end)</source>
        <translation>busca em feixe (4 feixes, exibida no final)</translation>
    </message>
    <message>
        <source>contrastive search</source>
        <translation>busca contrastiva</translation>
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
        <source>token {id}: {p:.1%} for the model, {final:.1%} after the sampling settings</source>
        <translation>token {id}: {p:.1%} para o modelo, {final:.1%} após as configurações de amostragem</translation>
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
        <source>Strategy A</source>
        <translation>Estratégia A</translation>
    </message>
    <message>
        <source>Strategy B</source>
        <translation>Estratégia B</translation>
    </message>
    <message>
        <source>New tokens</source>
        <translation>Novos tokens</translation>
    </message>
    <message>
        <source>Side &amp;by side with a second strategy</source>
        <translation>&amp;Lado a lado com uma segunda estratégia</translation>
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
        <source>Both use the same prompt and the settings on the left (with the same seed).</source>
        <translation>Ambas usam o mesmo prompt e as configurações à esquerda (com a mesma semente).</translation>
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
        <source>p = {p}: keeps {n:,}</source>
        <translation>p = {p}: mantém {n:,}</translation>
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
        <source>{name}: entropy {bits:.2f} bits · {kept:,} of {vocab:,} tokens survive · top token {top}</source>
        <translation>{name}: entropia {bits:.2f} bits · {kept:,} de {vocab:,} tokens sobrevivem · token principal {top}</translation>
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
        <source>T = {t}
{bits:.2f} bits, {kept:,} tokens</source>
        <translation>T = {t}
{bits:.2f} bits, {kept:,} tokens</translation>
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
        <source>u = {u:.3f} → “{token}”, rank {rank}, probability {p}.</source>
        <translation>u = {u:.3f} → “{token}”, posição {rank}, probabilidade {p}.</translation>
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
        <source>Save the bars as an image</source>
        <translation>Salvar as barras como imagem</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Imagem PNG (*.png)</translation>
    </message>
    <message>
        <source>Save the distribution as CSV</source>
        <translation>Salvar a distribuição como CSV</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>Tabela CSV (*.csv)</translation>
    </message>
    <message>
        <source>Save bars as PNG…</source>
        <translation>Salvar barras como PNG…</translation>
    </message>
    <message>
        <source>Save distribution as CSV…</source>
        <translation>Salvar distribuição como CSV…</translation>
    </message>
    <message>
        <source>Click a bar or a token to append it to the prompt.</source>
        <translation>Clique em uma barra ou em um token para acrescentá-lo ao prompt.</translation>
    </message>
    <message>
        <source>&amp;Compare fp32 with int8</source>
        <translation>&amp;Comparar fp32 com int8</translation>
    </message>
    <message>
        <source>Precision comparison</source>
        <translation>Comparação de precisão</translation>
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
        <source>Most likely token</source>
        <translation>Token mais provável</translation>
    </message>
    <message>
        <source>Same as fp32?</source>
        <translation>Igual ao fp32?</translation>
    </message>
    <message>
        <source>Storing each weight in 8 bits instead of 32 makes the model four times smaller. Does it still predict the same next token? KL measures how far the whole int8 distribution is from the fp32 one (0 = identical). Sizes count 4 or 1 bytes per weight; real int8 files are a little larger.</source>
        <translation>Armazenar cada peso em 8 bits em vez de 32 deixa o modelo quatro vezes menor. Ele ainda prevê o mesmo próximo token? A KL mede quão longe toda a distribuição int8 está da fp32 (0 = idênticas). Os tamanhos contam 4 ou 1 byte por peso; arquivos int8 reais são um pouco maiores.</translation>
    </message>
    <message>
        <source>Quantizing a copy of the model and running both…</source>
        <translation>Quantizando uma cópia do modelo e executando os dois…</translation>
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
        <source>Largest change of any token&apos;s probability: {d:.2%}.</source>
        <translation>Maior mudança na probabilidade de um token: {d:.2%}.</translation>
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
        <source>Compare two settings, three temperatures or two generation strategies.</source>
        <translation>Compare duas configurações, três temperaturas ou duas estratégias de geração.</translation>
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
        <source>Compare A/B</source>
        <translation>Comparar A/B</translation>
    </message>
    <message>
        <source>Compare temperatures</source>
        <translation>Comparar temperaturas</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Gerar</translation>
    </message>
    <message>
        <source>Precision fp32 / int8</source>
        <translation>Precisão fp32 / int8</translation>
    </message>
    <message>
        <source>The model&apos;s guesses for “{text}”</source>
        <translation>Os palpites do modelo para “{text}”</translation>
    </message>
    <message>
        <source>Next token after “{prompt}” ({n:,} tokens in the vocabulary)</source>
        <translation>Próximo token após “{prompt}” ({n:,} tokens no vocabulário)</translation>
    </message>
    <message>
        <source>Step {n}: u = {u:.3f} landed on rank {rank}; that token was appended.</source>
        <translation>Passo {n}: u = {u:.3f} caiu na posição {rank}; esse token foi acrescentado.</translation>
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
        <source>sampled, u = {u:.3f}</source>
        <translation>amostrado, u = {u:.3f}</translation>
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
        <source>u = {u:.3f} lands in the segment of rank {rank}: that token is drawn.</source>
        <translation>u = {u:.3f} cai no segmento da posição {rank}: esse token é sorteado.</translation>
    </message>
    <message>
        <source>Cumulative probability bar with the random draw</source>
        <translation>Barra de probabilidade acumulada com o sorteio aleatório</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
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
</context>
<context>
    <name>TrainingTab</name>
    <message>
        <source>No corpus yet: open one with File &gt; Open corpus.</source>
        <translation>Nenhum corpus ainda: abra um com Arquivo &gt; Abrir corpus.</translation>
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
        <source>Fine-tuning works on GPT-2 style models; {name} is a {arch}.</source>
        <translation>O ajuste fino funciona com modelos no estilo GPT-2; {name} é um {arch}.</translation>
    </message>
    <message>
        <source>{name} was loaded by name; fine-tuning needs a model folder on disk.</source>
        <translation>{name} foi carregado pelo nome; o ajuste fino precisa de uma pasta de modelo no disco.</translation>
    </message>
    <message>
        <source>Fine-tuning continues the model&apos;s next-token training: choose the Causal GPT objective.</source>
        <translation>O ajuste fino continua o treinamento de próximo token do modelo: escolha o objetivo GPT causal.</translation>
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
        <translation>GPT causal (próximo token)</translation>
    </message>
    <message>
        <source>Bigram table (baseline)</source>
        <translation>Tabela de bigramas (referência)</translation>
    </message>
    <message>
        <source>Masked LM (RoBERTa)</source>
        <translation>Modelo mascarado (RoBERTa)</translation>
    </message>
    <message>
        <source>Scratch</source>
        <translation>Do zero</translation>
    </message>
    <message>
        <source>Fine-tune the current model</source>
        <translation>Ajuste fino do modelo atual</translation>
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
        <translation>Tamanho do bloco (contexto):</translation>
    </message>
    <message>
        <source>Dropout:</source>
        <translation>Dropout:</translation>
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
        <source>Log y</source>
        <translation>y logarítmico</translation>
    </message>
    <message>
        <source>Clear earlier runs</source>
        <translation>Limpar execuções anteriores</translation>
    </message>
    <message>
        <source>PNG…</source>
        <translation>PNG…</translation>
    </message>
    <message>
        <source>Export the plot as a PNG image</source>
        <translation>Exportar o gráfico como imagem PNG</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Export every plotted value as CSV</source>
        <translation>Exportar todos os valores do gráfico como CSV</translation>
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
        <source>Export the plot</source>
        <translation>Exportar o gráfico</translation>
    </message>
    <message>
        <source>Export the data</source>
        <translation>Exportar os dados</translation>
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
        <source>Device: —</source>
        <translation>Dispositivo: —</translation>
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
        <source>{ms:.1f} ms/iter</source>
        <translation>{ms:.1f} ms/iter</translation>
    </message>
    <message>
        <source>GPU memory: {m}</source>
        <translation>Memória da GPU: {m}</translation>
    </message>
    <message>
        <source>MFU: {mfu:.0%}</source>
        <translation>MFU: {mfu:.0%}</translation>
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
        <source>train (raw)</source>
        <translation>treino (bruto)</translation>
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
        <source>baseline</source>
        <translation>referência</translation>
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
        <source>{run} (best val {loss:.3f})</source>
        <translation>{run} (melhor validação {loss:.3f})</translation>
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
        <source>train {raw:.3f} (smoothed {smooth:.3f})</source>
        <translation>treino {raw:.3f} (suavizado {smooth:.3f})</translation>
    </message>
    <message>
        <source>val {loss:.3f} at step {step}</source>
        <translation>validação {loss:.3f} no passo {step}</translation>
    </message>
    <message>
        <source>best val {loss:.3f} at step {step}</source>
        <translation>melhor validação {loss:.3f} no passo {step}</translation>
    </message>
    <message>
        <source>baseline {loss:.3f}</source>
        <translation>referência {loss:.3f}</translation>
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
        <source>Point at the curve to read every series.</source>
        <translation>Aponte para a curva para ler todas as séries.</translation>
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
        <source>Training a {params}-parameter {model} on {device}; a uniform guess would score {uniform:.2f}.</source>
        <translation>Treinando um {model} de {params} parâmetros em {device}; um palpite uniforme teria perda {uniform:.2f}.</translation>
    </message>
    <message>
        <source>--- step {step} (val loss {loss:.3f}) ---</source>
        <translation>--- passo {step} (perda de validação {loss:.3f}) ---</translation>
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
        <source>Best val loss: {loss:.4f}.</source>
        <translation>Melhor perda de validação: {loss:.4f}.</translation>
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
        <source>Will train on {corpus}.</source>
        <translation>Vai treinar com {corpus}.</translation>
    </message>
</context>
</TS>
